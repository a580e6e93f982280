using System;
using System.IO;
using System.Linq;
using CfitsioNet.Memory;
using NUnit.Framework;

namespace CfitsioNet.Tests.Memory;

/// <summary>Huge-page mappings for large buffers on Linux; the heap for the rest.</summary>
public sealed unsafe class NativeAllocatorTests
{
    [Test]
    public void Large_buffers_on_Linux_are_2_MiB_aligned_huge_page_mappings()
    {
        if (!NativeAllocator.HugePagesUsable)
        {
            Assert.Ignore($"Transparent huge pages are not usable here (mode '{NativeAllocator.ReadTransparentHugePageMode() ?? "none"}').");
        }

        using var buffer = new NativeBuffer<short>([2048, 2048]);   // 8 MiB
        NativeBlock block = buffer.Block;
        Assert.That(block.IsHugePageMapping, Is.True);
        Assert.That((ulong)block.Address % (ulong)NativeAllocator.HugePageSize, Is.Zero, "2 MiB alignment");
        Assert.That((ulong)(block.MappedBytes % NativeAllocator.HugePageSize), Is.Zero, "whole huge pages");

        // The kernel's view of the mapping: one VMA, eligible for THP.
        string? entry = SmapsEntry((ulong)block.Address);
        if (entry is not null && entry.Contains("THPeligible:", StringComparison.Ordinal))
        {
            Assert.That(entry, Does.Match(@"THPeligible:\s+1"), entry);
        }

        // Every byte is usable.
        Span<short> span = buffer.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (short)i;
        }

        Assert.That(span[^1], Is.EqualTo((short)(span.Length - 1)));
    }

    [TestCase(1L)]
    [TestCase(1000L * 1000)]
    public void Small_buffers_come_from_the_heap_64_byte_aligned(long length)
    {
        using var buffer = new NativeBuffer<short>(length);
        Assert.That(buffer.Block.IsHugePageMapping, Is.False);
        Assert.That((ulong)buffer.Block.Address % 64, Is.Zero);
    }

    [Test]
    public void A_huge_page_block_with_an_odd_size_is_rounded_up_to_whole_huge_pages()
    {
        if (!NativeAllocator.HugePagesUsable)
        {
            Assert.Ignore("Transparent huge pages are not usable here.");
        }

        NativeBlock block = NativeAllocator.Allocate(NativeAllocator.HugePageThreshold + 12345);
        try
        {
            Assert.That(block.Capacity, Is.EqualTo(NativeAllocator.HugePageThreshold + 12345));
            Assert.That(block.MappedBytes, Is.EqualTo(NativeAllocator.HugePageThreshold + NativeAllocator.HugePageSize));
            NativeAllocator.Prefault(block);
            ((byte*)block.Address)[block.Capacity - 1] = 42;
        }
        finally
        {
            NativeAllocator.Free(block);
        }
    }

    private static string? SmapsEntry(ulong address)
    {
        const string smaps = "/proc/self/smaps";
        if (!File.Exists(smaps))
        {
            return null;
        }

        string[] lines = File.ReadAllLines(smaps);
        for (int i = 0; i < lines.Length; i++)
        {
            string first = lines[i].Split(' ')[0];
            int dash = first.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !ulong.TryParse(first[..dash], System.Globalization.NumberStyles.HexNumber, null, out ulong start)
                || !ulong.TryParse(first[(dash + 1)..], System.Globalization.NumberStyles.HexNumber, null, out ulong end))
            {
                continue;
            }

            if (address >= start && address < end)
            {
                return string.Join('\n', lines.Skip(i).TakeWhile((line, k) => k == 0 || !char.IsAsciiHexDigitLower(line[0]) || !line.Contains('-', StringComparison.Ordinal)));
            }
        }

        return null;
    }
}
