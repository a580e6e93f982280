using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CfitsioNet.Fuzz;

/// <summary>
/// Mutations aimed at table headers and the cells readers trust: TFORMn, NAXIS1 against the columns' widths, NAXIS2
/// (up to 64-bit counts), THEAP, PCOUNT, TDIMn larger than the repeat, TBCOLn, TSCAL/TZERO/TNULL, and variable-length
/// array descriptors pointing past the heap.
/// </summary>
internal static class TableMutations
{
    private static readonly string[] s_forms =
    [
        "'0J      '", "'2J      '", "'3D      '", "'1E      '", "'10A     '", "'0A     '", "'1000000A'", "'8X      '", "'70X     '",
        "'1L      '", "'4B      '", "'2I      '", "'1K      '", "'2C      '", "'1M      '", "'1PB(3)  '", "'1PJ     '", "'1QD(9)  '",
        "'1PE(99999999)'", "'2PB     '", "'1PA     '", "'99999999999J'", "'J2      '", "'1Z      '", "'A5      '", "'I9      '",
        "'F12.30  '", "'E0.0    '", "'D25.17  '", "'I0      '", "'A0      '", "'1P      '", "'rJ      '", "'-1J     '",
    ];

    private static readonly string[] s_dims =
    [
        "'(2,2)   '", "'(100,100)'", "'(0)     '", "'(1,1,1,1,1,1,1,1,1,1)'", "'(99999999999)'", "'(3'", "'()'",
        "'(-1,2)  '", "'(2147483648,2)'", "'(a,b)   '",
    ];

    /// <summary>True when <paramref name="bytes"/> holds a table header to mutate.</summary>
    internal static bool HasTable(byte[] bytes) => Tables(bytes).Count > 0;

    internal static byte[] Mutate(byte[] bytes, Random random, List<string> mutations)
    {
        List<TableHeader> tables = Tables(bytes);
        if (tables.Count == 0)
        {
            return bytes;
        }

        TableHeader table = tables[random.Next(tables.Count)];
        long width = table.Long("NAXIS1");
        long rows = table.Long("NAXIS2");
        long pcount = table.Long("PCOUNT");
        int fields = (int)Math.Clamp(table.Long("TFIELDS"), 0, 999);
        int column = 1 + random.Next(Math.Max(1, fields));
        switch (random.Next(10))
        {
            case 0:
            case 1:
                Set(bytes, table, $"TFORM{column}", s_forms[random.Next(s_forms.Length)], mutations);
                break;
            case 2:
                Set(bytes, table, "NAXIS1", Number(random, width, [width - 1, width + 1, width - 8, width + 8, 2 * width, 0, 1, width / 2]), mutations);
                break;
            case 3:
                Set(bytes, table, "NAXIS2", Number(random, rows,
                    [rows + 1, rows * 2, 2147483647, 2147483648, 4294967297, 1L << 40, long.MaxValue / Math.Max(1, width), long.MaxValue, 0]), mutations);
                break;
            case 4:
                long heap = table.Has("THEAP") ? table.Long("THEAP") : width * rows;
                long theap = Pick(random, [heap - 1, heap + 1, heap + pcount, heap + pcount + 2880, 0, -1, width * rows - 8, long.MaxValue, 1L << 33]);
                SetOrInsert(bytes, table, "THEAP", theap.ToString(CultureInfo.InvariantCulture), mutations);
                break;
            case 5:
                Set(bytes, table, "PCOUNT", Number(random, pcount, [0, pcount - 1, pcount / 2, pcount + 2880, 1L << 40, -1]), mutations);
                break;
            case 6:
                SetOrInsert(bytes, table, $"TDIM{column}", s_dims[random.Next(s_dims.Length)], mutations);
                break;
            case 7:
                string[] keys = table.Ascii ? ["TBCOL", "TNULL", "TSCAL", "TZERO"] : ["TNULL", "TSCAL", "TZERO", "TZERO"];
                string key = keys[random.Next(keys.Length)] + column.ToString(CultureInfo.InvariantCulture);
                string[] values = key.StartsWith("TBCOL", StringComparison.Ordinal)
                    ? ["0", "1", (width + 1).ToString(CultureInfo.InvariantCulture), width.ToString(CultureInfo.InvariantCulture), "-5"]
                    : ["32768", "2147483648", "9223372036854775808", "-128", "0", "1E300", "0.5", "-1", "'*'", "''", "NaN"];
                SetOrInsert(bytes, table, key, values[random.Next(values.Length)], mutations);
                break;
            default:
                if (!Descriptor(bytes, table, random, mutations))
                {
                    Set(bytes, table, $"TFORM{column}", s_forms[random.Next(s_forms.Length)], mutations);
                }

                break;
        }

        return bytes;
    }

    private static string Number(Random random, long value, long[] candidates) =>
        Pick(random, candidates.Append(value + random.Next(-3, 4)).ToArray()).ToString(CultureInfo.InvariantCulture);

    private static long Pick(Random random, long[] candidates) => candidates[random.Next(candidates.Length)];

    /// <summary>Overwrites one row's descriptor of a P or Q column: a length or offset past the heap, or negative.</summary>
    private static bool Descriptor(byte[] bytes, TableHeader table, Random random, List<string> mutations)
    {
        if (table.Ascii)
        {
            return false;
        }

        var descriptors = new List<(int Number, long Offset, bool Q)>();
        long offset = 0;
        for (int n = 1; n <= Math.Clamp(table.Long("TFIELDS"), 0, 999); n++)
        {
            (long repeat, char type) = Form(table.String($"TFORM{n}"));
            if (type is 'P' or 'Q' && repeat > 0)
            {
                descriptors.Add((n, offset, type == 'Q'));
            }

            long size = type switch
            {
                'L' or 'B' or 'A' => repeat,
                'X' => (repeat + 7) / 8,
                'I' => 2 * repeat,
                'J' or 'E' => 4 * repeat,
                'K' or 'D' or 'C' or 'P' => 8 * repeat,
                'M' or 'Q' => 16 * repeat,
                _ => -1,
            };
            if (size < 0)
            {
                return false;
            }

            offset += size;
        }

        long width = table.Long("NAXIS1");
        long rows = table.Long("NAXIS2");
        if (descriptors.Count == 0 || rows <= 0 || width <= 0)
        {
            return false;
        }

        (int number, long cell, bool q) = descriptors[random.Next(descriptors.Count)];
        long row = random.Next((int)Math.Min(rows, int.MaxValue));
        long at = table.DataStart + (row * width) + cell;
        if (at < 0 || at + (q ? 16 : 8) > bytes.Length)
        {
            return false;
        }

        long pcount = table.Long("PCOUNT");
        long[] lengths = [0, 1, 2, 1000, pcount, pcount + 1, int.MaxValue, -1, 1L << 40];
        long[] offsets = [0, pcount - 1, pcount, pcount + 1, int.MaxValue, -1, int.MinValue, 1L << 40];
        long length = lengths[random.Next(lengths.Length)];
        long start = offsets[random.Next(offsets.Length)];
        if (q)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan((int)at), length);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan((int)at + 8), start);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((int)at), unchecked((int)length));
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((int)at + 4), unchecked((int)start));
        }

        mutations.Add($"descriptor col{number} row {row} = ({length}, {start})");
        return true;
    }

    /// <summary>Repeat and type letter of a binary TFORM value ('rT...'); type '?' when it is not one.</summary>
    private static (long Repeat, char Type) Form(string? value)
    {
        string text = (value ?? "").Trim();
        int digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        long repeat = digits == 0 ? 1 : long.TryParse(text.AsSpan(0, Math.Min(digits, 12)), CultureInfo.InvariantCulture, out long r) ? r : -1;
        return digits < text.Length ? (repeat, char.ToUpperInvariant(text[digits])) : (repeat, '?');
    }

    private static void Set(byte[] bytes, TableHeader table, string keyword, string value, List<string> mutations)
    {
        if (table.Cards.TryGetValue(keyword, out int offset))
        {
            Write(bytes, offset, keyword, value);
            mutations.Add($"table set {keyword}={value}");
        }
    }

    /// <summary>Sets the keyword, or writes it where END was and moves END one card on when the header has room.</summary>
    private static void SetOrInsert(byte[] bytes, TableHeader table, string keyword, string value, List<string> mutations)
    {
        if (table.Cards.ContainsKey(keyword))
        {
            Set(bytes, table, keyword, value, mutations);
            return;
        }

        int end = table.Cards["END"];
        if ((end + 80) % FitsBuilder.BlockSize == 0 || end + 160 > bytes.Length)
        {
            return; // END is the block's last card (or the file ends after it): inserting would need a new block
        }

        Encoding.ASCII.GetBytes("END".PadRight(80), bytes.AsSpan(end + 80, 80));
        Write(bytes, end, keyword, value);
        mutations.Add($"table insert {keyword}={value}");
    }

    private static void Write(byte[] bytes, int offset, string keyword, string value) =>
        Encoding.ASCII.GetBytes((keyword.PadRight(8) + "= " + value.PadLeft(20)).PadRight(80).AsSpan(0, 80), bytes.AsSpan(offset, 80));

    /// <summary>The BINTABLE and TABLE headers of the file: cards by keyword (first of each), where the data starts.</summary>
    private static List<TableHeader> Tables(byte[] bytes)
    {
        var tables = new List<TableHeader>();
        int block = 0;
        while (block + FitsBuilder.BlockSize <= bytes.Length)
        {
            string first = Encoding.ASCII.GetString(bytes, block, 80);
            if (!first.StartsWith("SIMPLE", StringComparison.Ordinal) && !first.StartsWith("XTENSION", StringComparison.Ordinal))
            {
                block += FitsBuilder.BlockSize;
                continue;
            }

            var cards = new Dictionary<string, int>(StringComparer.Ordinal);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            int at = block;
            for (; at + 80 <= bytes.Length; at += 80)
            {
                string card = Encoding.ASCII.GetString(bytes, at, 80);
                string keyword = card.AsSpan(0, 8).TrimEnd().ToString();
                if (keyword.Length > 0 && cards.TryAdd(keyword, at) && card.Length > 10 && card[8] == '=')
                {
                    string value = card[10..];
                    int slash = value.StartsWith(' ') && !value.TrimStart().StartsWith('\'') ? value.IndexOf('/') : -1;
                    values[keyword] = (slash >= 0 ? value[..slash] : value).Trim();
                }

                if (keyword == "END")
                {
                    break;
                }
            }

            if (!cards.ContainsKey("END"))
            {
                break;
            }

            int dataStart = ((at / FitsBuilder.BlockSize) + 1) * FitsBuilder.BlockSize;
            var header = new TableHeader(cards, values, dataStart);
            string xtension = header.String("XTENSION") ?? "";
            if (xtension.StartsWith("BINTABLE", StringComparison.Ordinal) || xtension.StartsWith("TABLE", StringComparison.Ordinal))
            {
                tables.Add(header);
            }

            long size = Math.Max(0, header.Long("NAXIS1")) * Math.Max(0, header.Long("NAXIS2")) + Math.Max(0, header.Long("PCOUNT"));
            long next = dataStart + ((size + FitsBuilder.BlockSize - 1) / FitsBuilder.BlockSize * FitsBuilder.BlockSize);
            block = next > bytes.Length || next <= block ? bytes.Length : (int)next;
        }

        return tables;
    }

    private sealed record TableHeader(Dictionary<string, int> Cards, Dictionary<string, string> Values, int DataStart)
    {
        internal bool Ascii => (String("XTENSION") ?? "").StartsWith("TABLE", StringComparison.Ordinal);

        internal bool Has(string keyword) => Values.ContainsKey(keyword);

        internal long Long(string keyword) =>
            Values.TryGetValue(keyword, out string? text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;

        internal string? String(string keyword) =>
            Values.TryGetValue(keyword, out string? text) ? text.Trim().Trim('\'').Trim() : null;
    }
}
