using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CfitsioNet.Tests.RealFiles;

/// <summary>The files tests/golden/realfiles/make_realfiles.py wrote with astropy, and its expected.json.</summary>
internal static class RealFilesGolden
{
    private static readonly Lazy<JsonDocument> s_manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))));

    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "golden", "realfiles");

    internal static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A top-level section of expected.json: "groups", "compressed", "int64" or "reordered".</summary>
    internal static JsonElement Section(string name) => s_manifest.Value.RootElement.GetProperty(name);

    /// <summary>The entry of an array section for one HDU.</summary>
    internal static JsonElement Entry(string section, int hdu) =>
        Section(section).EnumerateArray().Single(e => e.GetProperty("hdu").GetInt32() == hdu);

    /// <summary>A JSON array of numbers and nulls (NaN) as doubles.</summary>
    internal static double[] Doubles(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    internal static long[] Longs(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();
}
