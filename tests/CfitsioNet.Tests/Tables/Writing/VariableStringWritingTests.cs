using System.Linq;
using System.Text;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>
/// Variable-length string columns (1PA): each string stored at its own length in the heap, read back by astropy,
/// fitsverify and our reader, appended to, and empty or null strings taking no heap bytes. String arrays (rA with
/// TDIM = (width, shape)): astropy reads them as arrays of strings.
/// </summary>
public sealed class VariableStringWritingTests
{
    [Test]
    public void String_arrays_are_written_with_their_tdim_and_read_as_arrays_by_astropy_and_cfitsio()
    {
        using var folder = new TempDirectory();
        string path = folder.File("strings.fits");
        // 4 rows of 2x3 strings.
        string?[] filters = Enumerable.Range(0, 24).Select(i => i % 5 == 0 ? null : $"F{i}{new string('w', i % 4)}").ToArray();
        using (var fits = FitsFile.Create(path))
        {
            using TableWriter writer = fits.BeginTable(
                [TableColumnData.StringArray("FILTERS", filters[..12], cellShape: [2, 3], width: 7), TableColumnData.Of("N", new[] { 1, 2 })],
                new TableWriteOptions { Name = "ARR" });
            writer.WriteRows([TableColumnData.StringArray("FILTERS", filters[12..], cellShape: [2, 3]), TableColumnData.Of("N", new[] { 3, 4 })]);
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);
        string text = Encoding.Latin1.GetString(System.IO.File.ReadAllBytes(path));
        Assert.That(text.Contains("TFORM1  = '42A     '", System.StringComparison.Ordinal), Is.True, "TFORM1 = 42A");
        Assert.That(text.Contains("TDIM1   = '(7,3,2) '", System.StringComparison.Ordinal), Is.True, "TDIM1 = (7,3,2)");

        string[] expected = filters.Select(f => f ?? string.Empty).ToArray();
        using (var fits = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            TableHdu table = fits["ARR"].AsTable();
            Assert.That(table.RowCount, Is.EqualTo(4));
            Assert.That(table.ReadStrings("FILTERS"), Is.EqualTo(expected), "CFITSIO's string reader: 6 strings per row");
        }

        JsonElement column = TableAstropy.Read(path, "ARR").GetProperty("columns").GetProperty("FILTERS");
        Assert.That(column.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 2, 3 }));
        string[] astropy = column.GetProperty("values").EnumerateArray()
            .SelectMany(row => row.EnumerateArray().SelectMany(axis => axis.EnumerateArray())).Select(e => e.GetString() ?? "").ToArray();
        Assert.That(astropy, Is.EqualTo(expected));

        Assert.That(() => TableColumnData.StringArray("X", ["a", "b", "c"], cellShape: [2]), Throws.ArgumentException.With.Message.Contains("whole number"));
        using var refused = FitsFile.Create(folder.File("ascii.fits"));
        Assert.That(() => refused.AddTable([TableColumnData.StringArray("X", ["a", "b"], cellShape: [2])], new TableWriteOptions { Ascii = true }),
            Throws.ArgumentException.With.Message.Contains("binary table"));
    }

    [Test]
    public void Strings_of_any_length_are_stored_unpadded_and_read_back_by_astropy_and_our_reader()
    {
        using var folder = new TempDirectory();
        string path = folder.File("pa.fits");
        string?[] names = ["M31", "", null, "NGC 1976 (Orion Nebula)", new string('x', 500), "a"];
        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable(
            [
                TableColumnData.Of("ID", Enumerable.Range(1, names.Length).ToArray()),
                TableColumnData.VariableStrings("NAME", names, unit: "text"),
            ], new TableWriteOptions { Name = "OBJ" });
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);
        string[] expected = names.Select(n => n ?? string.Empty).ToArray();
        using (var fits = FitsFile.Open(path))
        {
            TableHdu table = fits["OBJ"].AsTable();
            Assert.That(table.Columns["NAME"].Format, Does.StartWith("1PA("));
            Assert.That(table.Columns["NAME"].IsVariableLength, Is.True);
            Assert.That(table.ReadVariableStrings("NAME"), Is.EqualTo(expected));
            Assert.That(table.Header.Get<long>("PCOUNT"), Is.EqualTo(expected.Sum(n => n.Length)), "no padding, nothing for empty strings");
        }

        using (var fits = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            Assert.That(fits["OBJ"].AsTable().ReadVariableStrings("NAME"), Is.EqualTo(expected));
        }

        JsonElement column = TableAstropy.Read(path, "OBJ").GetProperty("columns").GetProperty("NAME");
        Assert.That(column.GetProperty("format").GetString(), Is.EqualTo("1PA(500)"));
        string[] astropy = column.GetProperty("values").EnumerateArray().Select(Text).ToArray();
        Assert.That(astropy, Is.EqualTo(expected));
    }

    [Test]
    public void Rows_appended_to_a_variable_string_column_follow_the_first()
    {
        using var folder = new TempDirectory();
        string path = folder.File("append.fits");
        using (var fits = FitsFile.Create(path))
        {
            using TableWriter writer = fits.BeginTable([TableColumnData.VariableStrings("S", ["one", "three"])]);
            writer.WriteRows([TableColumnData.VariableStrings("S", ["", "seventeen letters"])]);
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);
        using var read = FitsFile.Open(path);
        Assert.That(read[1].AsTable().ReadVariableStrings("S"), Is.EqualTo(new[] { "one", "three", "", "seventeen letters" }));
    }

    [Test]
    public void Latin1_strings_need_permission_and_come_back_byte_for_byte()
    {
        Assert.That(() => TableColumnData.VariableStrings("S", ["Caf\u00e9"]), Throws.ArgumentException.With.Message.Contains("allowNonAscii"));
        Assert.That(() => TableColumnData.VariableStrings("S", ["tab\there"], allowNonAscii: true), Throws.ArgumentException);

        using var folder = new TempDirectory();
        string path = folder.File("latin1.fits");
        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable([TableColumnData.VariableStrings("S", ["Caf\u00e9", "\u00b5m"], allowNonAscii: true)]);
            fits.Commit();
        }

        using var read = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        Assert.That(read[1].AsTable().ReadVariableStrings("S"), Is.EqualTo(new[] { "Caf\u00e9", "\u00b5m" }));
        Assert.That(Encoding.Latin1.GetString(System.IO.File.ReadAllBytes(path)), Does.Contain("Caf\u00e9\u00b5m"), "one byte per character, back to back in the heap");
    }

    // astropy 5.2 gives a PA cell as an array of one-character strings, in which numpy's chararray shows a blank as
    // the empty string (it strips trailing blanks of every element).
    private static string Text(JsonElement cell) => cell.ValueKind == JsonValueKind.Array
        ? string.Concat(cell.EnumerateArray().Select(c => c.GetString() is { Length: > 0 } one ? one : " "))
        : cell.GetString() ?? string.Empty;
}
