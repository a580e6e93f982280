using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CfitsioNet.Tests.Support;

/// <summary>One column of a golden table as astropy reads it (tests/golden/tables/expected.json; see make_tables.py).</summary>
public sealed record GoldenColumn(
    int Index, string? Name, string Tform, string? Tdim, string? Tscal, string? Tzero, string? Tnull, long Offset, long Width,
    string Kind, string? Dtype, long[]? CellShape, string Sha256, string? BitsSha256, int[] Nulls, int[] AstropyDiffers)
{
    /// <summary>A columns: per row, the hex of each substring astropy returns.</summary>
    public string[][]? Strings { get; init; }

    /// <summary>P/Q columns: each row's array length (from the descriptors).</summary>
    public long[]? VlaLengths { get; init; }

    /// <summary>P/Q columns: sha256 of all rows' arrays concatenated (canonical NaN).</summary>
    public string? VlaSha256 { get; init; }

    /// <summary>P/Q floating columns: the same over the exact bits.</summary>
    public string? VlaBitsSha256 { get; init; }

    /// <summary>L, X and A columns: sha256 of the field's bytes as stored (X packed, most significant bit first).</summary>
    public string? RawSha256 { get; init; }

    /// <summary>PA columns: the hex of each row's string.</summary>
    public string[]? VlaStrings { get; init; }

    /// <summary>PL columns: per row, the element indices of null (0) bytes.</summary>
    public int[][]? VlaNulls { get; init; }

    /// <summary>The name a reader finds the column by: TTYPEn, or col&lt;n&gt; without one.</summary>
    public string Lookup => string.IsNullOrEmpty(Name) ? $"col{Index}" : Name;
}

/// <summary>One table HDU of a golden file.</summary>
public sealed record GoldenTable(
    string File, string Writer, int Hdu, string Kind, long Rows, long RowBytes, long Pcount, long Theap, long DataOffset,
    IReadOnlyList<GoldenColumn> Columns)
{
    internal string Path => TablesGolden.PathOf(File);

    public override string ToString() => $"{File}[{Hdu}]";
}

/// <summary>The golden tables written by astropy and by CFITSIO's writer, with what astropy reads from them.</summary>
internal static class TablesGolden
{
    private static readonly Lazy<List<GoldenTable>> s_tables = new(Load);

    internal static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "golden", "tables");

    internal static string PathOf(string name) => System.IO.Path.Combine(Folder, name);

    internal static IReadOnlyList<GoldenTable> Tables => s_tables.Value;

    /// <summary>For NUnit's TestCaseSource: each table once.</summary>
    internal static IEnumerable<GoldenTable> All() => Tables;

    internal static GoldenTable Get(string file, int hdu) => Tables.Single(t => t.File == file && t.Hdu == hdu);

    private static List<GoldenTable> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, "expected.json")));
        var tables = new List<GoldenTable>();
        foreach (JsonElement file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            string name = file.GetProperty("file").GetString()!;
            string writer = file.GetProperty("writer").GetString()!;
            foreach (JsonElement hdu in file.GetProperty("hdus").EnumerateArray())
            {
                var columns = hdu.GetProperty("columns").EnumerateArray().Select(ReadColumn).ToList();
                tables.Add(new GoldenTable(name, writer, hdu.GetProperty("hdu").GetInt32(), hdu.GetProperty("kind").GetString()!,
                                           hdu.GetProperty("rows").GetInt64(), hdu.GetProperty("row_bytes").GetInt64(),
                                           hdu.GetProperty("pcount").GetInt64(), hdu.GetProperty("theap").GetInt64(),
                                           hdu.GetProperty("data_offset").GetInt64(), columns));
            }
        }

        return tables;
    }

    private static GoldenColumn ReadColumn(JsonElement c)
    {
        string? Text(string key) => c.TryGetProperty(key, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
        int[] Ints(string key) => c.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number)
            ? v.EnumerateArray().Select(e => e.GetInt32()).ToArray()
            : [];
        long[]? shape = c.TryGetProperty("cell_shape", out JsonElement s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(e => e.GetInt64()).ToArray() : null;
        int[] differs = c.TryGetProperty("astropy_differs", out JsonElement d) ? d.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray() : [];
        string[][]? strings = c.TryGetProperty("strings", out JsonElement st)
            ? st.EnumerateArray().Select(r => r.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray()).ToArray()
            : null;
        JsonElement vla = c.TryGetProperty("vla", out JsonElement v) ? v : default;
        string? VlaText(string key) => vla.ValueKind == JsonValueKind.Object && vla.TryGetProperty(key, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        long[]? lengths = vla.ValueKind == JsonValueKind.Object ? vla.GetProperty("lengths").EnumerateArray().Select(e => e.GetInt64()).ToArray() : null;
        string[]? vlaStrings = vla.ValueKind == JsonValueKind.Object && vla.TryGetProperty("strings", out JsonElement vs) ? vs.EnumerateArray().Select(e => e.GetString()!).ToArray() : null;
        int[][]? vlaNulls = vla.ValueKind == JsonValueKind.Object && c.TryGetProperty("nulls", out JsonElement vn) && vn.ValueKind == JsonValueKind.Array
                            && vn.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Array)
            ? vn.EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray()
            : null;
        return new GoldenColumn(c.GetProperty("index").GetInt32(), Text("name"), Text("tform")!, Text("tdim"), Text("tscal"), Text("tzero"),
                                Text("tnull"), c.GetProperty("offset").GetInt64(), c.GetProperty("width").GetInt64(), Text("kind")!,
                                Text("dtype"), shape, Text("sha256")!, Text("bits_sha256"), Ints("nulls"), differs)
        {
            Strings = strings,
            RawSha256 = Text("raw_sha256"),
            VlaLengths = lengths,
            VlaSha256 = VlaText("sha256"),
            VlaBitsSha256 = VlaText("bits_sha256"),
            VlaStrings = vlaStrings,
            VlaNulls = vlaNulls,
        };
    }
}
