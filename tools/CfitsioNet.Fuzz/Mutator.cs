using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CfitsioNet.Fuzz;

/// <summary>One generated input: the bytes, the seed it came from and the mutations applied, in order.</summary>
internal sealed record FuzzCase(long Index, string SeedName, byte[] Bytes, IReadOnlyList<string> Mutations);

/// <summary>
/// Deterministic mutations of seed files: case <c>i</c> of run seed <c>s</c> is always the same bytes, so any case
/// can be regenerated from (s, i). Mutations aim where readers trust the file: header values (BITPIX, NAXISn,
/// BZERO/BSCALE/BLANK, PCOUNT/GCOUNT, table and tile-compression keywords), the END card, the file length, the
/// compressed tile bytes, and plain random bytes.
/// </summary>
internal sealed class Mutator
{
    private static readonly string[] s_keywords =
    [
        "SIMPLE", "XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "NAXIS4", "BZERO", "BSCALE", "BLANK",
        "PCOUNT", "GCOUNT", "EXTEND", "GROUPS", "TFIELDS", "TFORM1", "TFORM2", "TFORM3", "TBCOL1", "TBCOL2", "THEAP",
        "ZIMAGE", "ZBITPIX", "ZNAXIS", "ZNAXIS1", "ZNAXIS2", "ZNAXIS3", "ZTILE1", "ZTILE2", "ZTILE3", "ZCMPTYPE",
        "ZNAME1", "ZVAL1", "ZNAME2", "ZVAL2", "ZQUANTIZ", "ZDITHER0", "ZBLANK", "ZSCALE", "ZZERO", "ZTENSION",
        "ZPCOUNT", "ZGCOUNT", "ZSIMPLE", "ZEXTEND", "EXTNAME", "CONTINUE", "LONGSTRN",
    ];

    private static readonly string[] s_values =
    [
        "0", "1", "-1", "2", "3", "7", "8", "16", "-16", "32", "-32", "64", "-64", "128", "999", "1000",
        "2880", "32767", "32768", "-32768", "65535", "65536", "2147483647", "2147483648", "-2147483648", "4294967296",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999",
        "1E300", "-1E300", "1E-300", "1.5", "0.0", "-0.0", "NaN", "Inf", "1D2", "T", "F", "", "'ABC'", "''",
        "'RICE_1  '", "'GZIP_1  '", "'GZIP_2  '", "'HCOMPRESS_1'", "'PLIO_1  '", "'NOCOMPRESS'", "'BOGUS   '",
        "'1PB(10) '", "'1QB(10) '", "'E       '", "'D       '", "'J       '", "'99999999J'", "'0J      '", "'-1J     '",
        "'IMAGE   '", "'BINTABLE'", "'TABLE   '", "'A5      '", "'I9999   '", "'F5.2    '",
    ];

    private readonly IReadOnlyList<Seed> _seeds;
    private readonly long _runSeed;

    internal Mutator(IReadOnlyList<Seed> seeds, long runSeed)
    {
        _seeds = seeds;
        _runSeed = runSeed;
    }

    /// <summary>The case with this index: the same bytes every time for the same run seed and seeds.</summary>
    internal FuzzCase Create(long index)
    {
        var random = new Random(CaseSeed(_runSeed, index));
        var mutations = new List<string>();
        if (random.Next(40) == 0)
        {
            mutations.Add("random-bytes");
            return new FuzzCase(index, "(none)", RandomFile(random), mutations);
        }

        Seed seed = _seeds[random.Next(_seeds.Count)];
        byte[] bytes = seed.Bytes;
        bool gzipAfter = false;
        if (seed.Name.EndsWith(".gz", StringComparison.Ordinal) && random.Next(3) != 0)
        {
            // Mutate the FITS inside, then compress it again (otherwise most mutations break only the gzip stream).
            bytes = Gunzip(bytes);
            gzipAfter = true;
        }
        else
        {
            bytes = (byte[])bytes.Clone();
        }

        int count = 1 + random.Next(random.Next(4) == 0 ? 6 : 3);
        for (int m = 0; m < count; m++)
        {
            bytes = Mutate(bytes, random, mutations);
        }

        if (gzipAfter)
        {
            bytes = Seeds.Gzip(bytes);
            mutations.Add("gzip");
            if (random.Next(5) == 0)
            {
                int cut = random.Next(bytes.Length);
                bytes = bytes[..cut];
                mutations.Add($"truncate-gzip@{cut}");
            }
        }

        return new FuzzCase(index, seed.Name, bytes, mutations);
    }

    /// <summary>SplitMix64 of (run seed, index): stable across processes, unlike <see cref="HashCode"/>.</summary>
    internal static int CaseSeed(long runSeed, long index)
    {
        ulong z = unchecked((ulong)runSeed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    private static byte[] Mutate(byte[] bytes, Random random, List<string> mutations)
    {
        if (TableMutations.HasTable(bytes) && random.Next(3) == 0)
        {
            return TableMutations.Mutate(bytes, random, mutations);
        }

        int kind = random.Next(100);
        if (kind < 45)
        {
            return EditCard(bytes, random, mutations);
        }

        if (kind < 55)
        {
            return CardStructure(bytes, random, mutations);
        }

        if (kind < 67)
        {
            int cut = random.Next(4) == 0 ? random.Next(Math.Min(bytes.Length, 2881)) : random.Next(bytes.Length + 1);
            mutations.Add($"truncate@{cut}");
            return bytes[..cut];
        }

        if (kind < 77)
        {
            return FlipBytes(bytes, random, mutations);
        }

        if (kind < 90)
        {
            return CorruptData(bytes, random, mutations);
        }

        if (kind < 95)
        {
            // Grow: extra zero or random blocks at the end (a header may now fit, or data look present).
            int blocks = 1 + random.Next(3);
            var grown = new byte[bytes.Length + blocks * FitsBuilder.BlockSize];
            bytes.CopyTo(grown, 0);
            if (random.Next(2) == 0)
            {
                random.NextBytes(grown.AsSpan(bytes.Length));
            }

            mutations.Add($"append-{blocks}-blocks");
            return grown;
        }

        // Splice: repeat a block of the file somewhere else.
        int blockCount = bytes.Length / FitsBuilder.BlockSize;
        if (blockCount < 2)
        {
            return FlipBytes(bytes, random, mutations);
        }

        int from = random.Next(blockCount);
        int to = random.Next(blockCount);
        Array.Copy(bytes, from * FitsBuilder.BlockSize, bytes, to * FitsBuilder.BlockSize, FitsBuilder.BlockSize);
        mutations.Add($"copy-block-{from}-to-{to}");
        return bytes;
    }

    /// <summary>Sets a keyword's value to an interesting one; keyword chosen from the file's own cards or the list.</summary>
    private static byte[] EditCard(byte[] bytes, Random random, List<string> mutations)
    {
        List<(int Offset, string Keyword)> cards = HeaderCards(bytes);
        if (cards.Count == 0)
        {
            return FlipBytes(bytes, random, mutations);
        }

        var known = cards.Where(c => s_keywords.Contains(c.Keyword) || c.Keyword.StartsWith("NAXIS", StringComparison.Ordinal) ||
                                     c.Keyword.StartsWith("ZNAXIS", StringComparison.Ordinal) || c.Keyword.StartsWith('T')).ToList();
        (int offset, string keyword) = known.Count > 0 && random.Next(8) != 0 ? known[random.Next(known.Count)] : cards[random.Next(cards.Count)];
        string value = random.Next(6) == 0 ? NumberNear(random) : s_values[random.Next(s_values.Length)];
        string card = (keyword.PadRight(8) + "= " + value.PadLeft(20)).PadRight(80)[..80];
        Encoding.ASCII.GetBytes(card, bytes.AsSpan(offset, 80));
        mutations.Add($"set {keyword}={value}");
        return bytes;
    }

    /// <summary>Deletes END, blanks a card, duplicates a card, or inserts a strange card.</summary>
    private static byte[] CardStructure(byte[] bytes, Random random, List<string> mutations)
    {
        List<(int Offset, string Keyword)> cards = HeaderCards(bytes);
        if (cards.Count == 0)
        {
            return FlipBytes(bytes, random, mutations);
        }

        (int offset, string keyword) = cards[random.Next(cards.Count)];
        switch (random.Next(5))
        {
            case 0:
                var end = cards.Where(c => c.Keyword == "END").ToList();
                if (end.Count > 0)
                {
                    (offset, keyword) = end[random.Next(end.Count)];
                }

                bytes.AsSpan(offset, 80).Fill((byte)' ');
                mutations.Add($"blank-card {keyword}@{offset}");
                break;
            case 1:
                (int other, _) = cards[random.Next(cards.Count)];
                Array.Copy(bytes, offset, bytes, other, 80);
                mutations.Add($"copy-card {keyword}@{offset}-to@{other}");
                break;
            case 2:
                string[] odd =
                [
                    "CONTINUE  '&'", "HIERARCH " + new string('A', 70), "NAXIS   = ", "BITPIX  = 'sixteen'", "END     = 1",
                    "COMMENT " + new string('\0', 20), "        = 'no keyword'", "ZNAXIS1 =                99999", "BLANK   = 1.5",
                ];
                string text = odd[random.Next(odd.Length)].PadRight(80)[..80];
                for (int i = 0; i < 80; i++)
                {
                    bytes[offset + i] = (byte)text[i];
                }

                mutations.Add($"odd-card@{offset} '{text.TrimEnd().Replace('\0', '0')}'");
                break;
            case 3:
                // Characters outside the FITS set in a card.
                for (int i = 0; i < 1 + random.Next(4); i++)
                {
                    bytes[offset + random.Next(80)] = (byte)random.Next(256);
                }

                mutations.Add($"garble-card {keyword}@{offset}");
                break;
            default:
                // Remove the value, leaving "KEYWORD =".
                bytes.AsSpan(offset + 10, 70).Fill((byte)' ');
                mutations.Add($"empty-value {keyword}@{offset}");
                break;
        }

        return bytes;
    }

    private static byte[] FlipBytes(byte[] bytes, Random random, List<string> mutations)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        int flips = 1 + random.Next(16);
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
        }

        mutations.Add($"flip-{flips}-bits");
        return bytes;
    }

    /// <summary>Overwrites a run of bytes after the first header: compressed tiles, heap descriptors or pixels.</summary>
    private static byte[] CorruptData(byte[] bytes, Random random, List<string> mutations)
    {
        int start = Math.Min(bytes.Length, FitsBuilder.BlockSize);
        int headerEnd = HeaderEnds(bytes).LastOrDefault(start);
        if (random.Next(2) == 0 && headerEnd < bytes.Length)
        {
            start = headerEnd; // the last HDU's data: a compressed image's table and heap in the compressed seeds
        }

        if (start >= bytes.Length)
        {
            return FlipBytes(bytes, random, mutations);
        }

        int at = start + random.Next(bytes.Length - start);
        int length = Math.Min(bytes.Length - at, 1 + random.Next(random.Next(2) == 0 ? 8 : 200));
        switch (random.Next(3))
        {
            case 0: random.NextBytes(bytes.AsSpan(at, length)); break;
            case 1: bytes.AsSpan(at, length).Fill(0xFF); break;
            default: bytes.AsSpan(at, length).Clear(); break;
        }

        mutations.Add($"corrupt-data@{at}+{length}");
        return bytes;
    }

    private static byte[] RandomFile(Random random)
    {
        var bytes = new byte[random.Next(4) == 0 ? random.Next(100) : random.Next(1, 4) * FitsBuilder.BlockSize];
        random.NextBytes(bytes);
        if (random.Next(2) == 0 && bytes.Length >= 80)
        {
            Encoding.ASCII.GetBytes("SIMPLE  =                    T".PadRight(80), bytes.AsSpan(0, 80));
        }

        return bytes;
    }

    private static string NumberNear(Random random)
    {
        long[] anchors = [0, 1, 8, 16, 32, 64, 255, 2880, 32768, 65536, int.MaxValue, uint.MaxValue, long.MaxValue / 2880, long.MaxValue / 8];
        long anchor = anchors[random.Next(anchors.Length)];
        long value = anchor + random.Next(-3, 4);
        return (random.Next(4) == 0 ? -value : value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Offsets and keywords of the cards of every header found by scanning 2880-byte blocks.</summary>
    private static List<(int Offset, string Keyword)> HeaderCards(byte[] bytes)
    {
        var cards = new List<(int, string)>();
        for (int block = 0; block + FitsBuilder.BlockSize <= bytes.Length; block += FitsBuilder.BlockSize)
        {
            string first = Encoding.ASCII.GetString(bytes, block, 8);
            bool header = first.StartsWith("SIMPLE", StringComparison.Ordinal) || first.StartsWith("XTENSION", StringComparison.Ordinal) ||
                          (cards.Count > 0 && cards[^1].Item2 != "END");
            if (!header)
            {
                continue;
            }

            for (int offset = block; offset < block + FitsBuilder.BlockSize; offset += 80)
            {
                string keyword = Encoding.ASCII.GetString(bytes, offset, 8).TrimEnd();
                if (keyword.Length > 0)
                {
                    cards.Add((offset, keyword));
                }
            }
        }

        return cards;
    }

    /// <summary>Offset just after each header's END block.</summary>
    private static IEnumerable<int> HeaderEnds(byte[] bytes)
    {
        foreach ((int offset, string keyword) in HeaderCards(bytes))
        {
            if (keyword == "END")
            {
                yield return (offset / FitsBuilder.BlockSize + 1) * FitsBuilder.BlockSize;
            }
        }
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new System.IO.MemoryStream(bytes);
        using var gzip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new System.IO.MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
