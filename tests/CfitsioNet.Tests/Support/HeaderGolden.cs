using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// The header golden files (tests/golden/headers, written by make_headers.py with astropy) and what astropy reported
/// for them in expected.json.
/// </summary>
internal static class HeaderGolden
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "golden", "headers");

    private static readonly Lazy<JsonElement> s_expected = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Directory, "expected.json")));
        return document.RootElement.Clone();
    });

    public static string[] Files => s_expected.Value.GetProperty("files").EnumerateObject().Select(p => p.Name).ToArray();

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static JsonElement File(string file) => s_expected.Value.GetProperty("files").GetProperty(file);

    public static JsonElement[] Hdus(string file) => File(file).GetProperty("hdus").EnumerateArray().ToArray();

    public static JsonElement Hdu(string file, int index) => Hdus(file)[index];

    /// <summary>Every (file, HDU index) pair, for test cases.</summary>
    public static IEnumerable<(string File, int Hdu)> AllHdus() =>
        from file in Files from hdu in Hdus(file) select (file, hdu.GetProperty("index").GetInt32());

    /// <summary>Copies a golden file to this run's temp directory so that a test may change it.</summary>
    public static string Copy(string file)
    {
        string target = TestRun.Files.File($"{Path.GetFileNameWithoutExtension(file)}-{Guid.NewGuid():N}.fits");
        System.IO.File.Copy(PathOf(file), target);
        return target;
    }

    public static string? StringOrNull(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
