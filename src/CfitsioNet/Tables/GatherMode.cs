namespace CfitsioNet.Tables;

/// <summary>
/// How <see cref="ColumnGather"/> reads the rows: the fastest code differs with where the rows are, and every mode
/// gives the same bytes.
/// </summary>
internal enum GatherMode
{
    /// <summary>
    /// The block is in L2 (just read into a reused block buffer): scalar 4- and 8-byte columns use AVX2 hardware
    /// gathers, wide cells <see cref="CfitsioNet.Direct.Endian"/>'s shuffles. 1.4x the scalar loop's speed for 20
    /// columns here.
    /// </summary>
    CacheResident,

    /// <summary>
    /// The rows stream from memory (a memory map, a large buffer): one scalar load per row for small cells, shuffles for
    /// wide cells. AVX2 gathers stall on cache misses: 2.2x slower than this on rows that are not in cache (AMD Zen 4).
    /// </summary>
    Streaming,

    /// <summary>Every element by the scalar loop: the reference the other modes are tested against.</summary>
    ScalarOnly,
}
