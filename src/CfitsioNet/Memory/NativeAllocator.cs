using System;
using System.IO;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet.Memory;

/// <summary>
/// Allocates the memory of <see cref="NativeBuffer{T}"/>. Large blocks on Linux are anonymous mappings aligned to
/// 2 MiB and advised with <c>madvise(MADV_HUGEPAGE)</c>, so that with transparent huge pages in "madvise" or "always"
/// mode the kernel backs them with 2 MiB pages: one page fault per 2 MiB on first touch instead of 512. Everything
/// else comes from <see cref="NativeMemory.AlignedAlloc(nuint, nuint)"/>, 64-byte aligned.
/// </summary>
internal static unsafe class NativeAllocator
{
    /// <summary>Size of a transparent huge page on x86-64 and on arm64 with 4 KiB base pages.</summary>
    internal const nuint HugePageSize = 2 * 1024 * 1024;

    /// <summary>Blocks of at least this many bytes get a huge-page mapping (numpy uses the same threshold).</summary>
    internal const nuint HugePageThreshold = 4 * 1024 * 1024;

    /// <summary>Alignment of every other block: a cache line, and a 512-bit vector.</summary>
    internal const nuint Alignment = 64;

    private static readonly bool s_hugePagesUsable = OperatingSystem.IsLinux() && ReadTransparentHugePageMode() is "always" or "madvise";

    /// <summary>Whether large blocks are huge-page mappings in this process (Linux with THP "always" or "madvise").</summary>
    internal static bool HugePagesUsable => s_hugePagesUsable;

    /// <summary>Allocates at least <paramref name="bytes"/> bytes (one byte when zero); the memory is uninitialised.</summary>
    /// <exception cref="OutOfMemoryException">Neither the mapping nor the heap can provide the memory.</exception>
    internal static NativeBlock Allocate(nuint bytes)
    {
        if (bytes >= HugePageThreshold && s_hugePagesUsable && TryMapHugePages(bytes, out NativeBlock mapped))
        {
            return mapped;
        }

        nuint size = bytes == 0 ? 1 : bytes;
        return new NativeBlock((IntPtr)NativeMemory.AlignedAlloc(size, Alignment), size, 0);
    }

    /// <summary>Frees a block from <see cref="Allocate"/>.</summary>
    internal static void Free(NativeBlock block)
    {
        if (block.Address == IntPtr.Zero)
        {
            return;
        }

        if (block.IsHugePageMapping)
        {
            Libc.Unmap(block.Address, block.MappedBytes);
        }
        else
        {
            NativeMemory.AlignedFree((void*)block.Address);
        }
    }

    /// <summary>Faults every page of the block in now, so that later writes take no page fault.</summary>
    internal static void Prefault(NativeBlock block)
    {
        if (block.IsHugePageMapping && Libc.Advise(block.Address, block.MappedBytes, Libc.MadvisePopulateWrite) == 0)
        {
            return;
        }

        // One write per 4 KiB page; the contents are uninitialised anyway.
        byte* start = (byte*)block.Address;
        for (nuint offset = 0; offset < block.Capacity; offset += 4096)
        {
            start[offset] = 0;
        }

        start[block.Capacity - 1] = 0;
    }

    // Maps bytes rounded up to 2 MiB at a 2 MiB-aligned address (over-map by 2 MiB, then unmap the unaligned ends).
    private static bool TryMapHugePages(nuint bytes, out NativeBlock block)
    {
        block = default;
        nuint length = (bytes + HugePageSize - 1) & ~(HugePageSize - 1);
        nuint reserved = length + HugePageSize;
        IntPtr raw = Libc.Map(IntPtr.Zero, reserved, Libc.ProtRead | Libc.ProtWrite, Libc.MapPrivate | Libc.MapAnonymous, -1, 0);
        if (raw == Libc.MapFailed)
        {
            return false;
        }

        nuint start = (nuint)raw;
        nuint aligned = (start + HugePageSize - 1) & ~(HugePageSize - 1);
        nuint head = aligned - start;
        nuint tail = reserved - head - length;
        if (head != 0)
        {
            Libc.Unmap((IntPtr)start, head);
        }

        if (tail != 0)
        {
            Libc.Unmap((IntPtr)(aligned + length), tail);
        }

        // Without THP (EINVAL) the mapping still works, with 4 KiB pages.
        Libc.Advise((IntPtr)aligned, length, Libc.MadviseHugePage);
        block = new NativeBlock((IntPtr)aligned, bytes, length);
        return true;
    }

    /// <summary>The bracketed mode in /sys/kernel/mm/transparent_hugepage/enabled ("always", "madvise", "never"), or null.</summary>
    internal static string? ReadTransparentHugePageMode()
    {
        try
        {
            string text = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
            int open = text.IndexOf('[', StringComparison.Ordinal);
            int close = text.IndexOf(']', StringComparison.Ordinal);
            return open >= 0 && close > open ? text[(open + 1)..close] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
