using System;

namespace CfitsioNet.Memory;

/// <summary>One allocation behind a <see cref="NativeBuffer{T}"/>: where it is, how large, and how to free it.</summary>
/// <param name="Address">First byte; at least 64-byte aligned (2 MiB for huge-page mappings).</param>
/// <param name="Capacity">Bytes asked for, all usable.</param>
/// <param name="MappedBytes">Bytes mapped with <c>mmap</c>, <paramref name="Capacity"/> rounded up to 2 MiB (0 for <c>NativeMemory.AlignedAlloc</c> blocks).</param>
internal readonly record struct NativeBlock(IntPtr Address, nuint Capacity, nuint MappedBytes)
{
    /// <summary>Whether the block is an anonymous mapping advised for transparent huge pages.</summary>
    internal bool IsHugePageMapping => MappedBytes != 0;
}
