using System.Globalization;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary>
/// <c>fits table</c> and <c>fits stats --column</c> on the golden tables, against astropy's reading of the same cells
/// (astropy_reference.py: strings end at a NUL and lose trailing blanks, the FITS standard's reading; NaN and
/// infinities are JSON nulls on both sides).
/// </summary>
public sealed class TableCommandTests
{
    [TestCase("tables/types.fits", "1", "U8,I16,I32,I64,F32,F64,TEXT,F64V,I16V")]
    [TestCase("tables/types.fits", "TYPES", "BIT1,BIT8,BIT13,CHAR")]
    [TestCase("tables/scaled.fits", "1", "U16,U32,U64,S8,I16S,I32S,I64S,F32S")]
    [TestCase("tables/ascii.fits", "1", "NAME,I10,E")]
    [TestCase("tables/vla.fits", "1", "VB,VI,VJ,VK,VE,VD")]
    [TestCase("tables/mef.fits", "3", "")]
    public void Json_cells_are_astropys(string file, string extension, string columns)
    {
        int hdu = int.TryParse(extension, out int index) ? index : 1;
        string[] args = columns.Length == 0 ? ["table", file, "-e", extension, "--json"] : ["table", file, "-e", extension, "-c", columns, "--json"];
        ProcessResult result = ToolProcess.Run(args);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        JsonElement ours = JsonDocument.Parse(result.Output).RootElement;
        string names = string.Join(",", ours.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        if (columns.Length > 0)
        {
            Assert.That(names, Is.EqualTo(columns));
        }

        JsonElement astropy = Astropy.Json("table", file, hdu.ToString(CultureInfo.InvariantCulture), names);
        JsonElement[] expectedRows = [.. astropy.GetProperty("rows").EnumerateArray()];
        JsonElement[] actualRows = [.. ours.GetProperty("rows").EnumerateArray()];
        Assert.That(actualRows, Has.Length.EqualTo(expectedRows.Length));
        for (int r = 0; r < expectedRows.Length; r++)
        {
            AssertSame(actualRows[r], expectedRows[r], $"{file} row {r}");
        }
    }

    [Test]
    public void Rows_where_and_csv_select_and_quote_as_documented()
    {
        ProcessResult all = ToolProcess.Run("table", "tables/types.fits", "-c", "I32", "--json");
        long[] values = [.. JsonDocument.Parse(all.Output).RootElement.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64())];

        ProcessResult some = ToolProcess.Run("table", "tables/types.fits", "-c", "I32", "-r", "5:", "-w", "I32 > 0", "--csv");
        Assert.That(some.ExitCode, Is.Zero, some.Error);
        string[] lines = some.Lines;
        Assert.That(lines[0], Is.EqualTo("I32"));
        Assert.That(lines.Skip(1).Select(long.Parse), Is.EqualTo(values.Skip(5).Where(v => v > 0)));

        ProcessResult last = ToolProcess.Run("table", "tables/types.fits", "-c", "I32", "-r", "-3:", "--csv");
        Assert.That(last.Lines.Skip(1).Select(long.Parse), Is.EqualTo(values[^3..]));

        // A string with a leading blank is quoted; a null ASCII field is empty.
        ProcessResult ascii = ToolProcess.Run("table", "tables/ascii.fits", "-c", "NAME,I6", "-r", "0:2", "--csv");
        Assert.That(ascii.Lines, Is.EqualTo(new[] { "NAME,I6", "alpha,5615", "\"  beta\"," }));
    }

    [Test]
    public void Undefined_logicals_and_integer_nulls_are_json_nulls()
    {
        // types.fits: FLAG's stored byte is 0 in rows 3, 10, 17, ... (expected.json); scaled.fits: I32N has TNULL -999.
        ProcessResult flags = ToolProcess.Run("table", "tables/types.fits", "-c", "FLAG", "--json");
        JsonElement[] rows = [.. JsonDocument.Parse(flags.Output).RootElement.GetProperty("rows").EnumerateArray()];
        int[] nulls = [.. Enumerable.Range(0, rows.Length).Where(r => rows[r][0].ValueKind == JsonValueKind.Null)];
        Assert.That(nulls, Is.EqualTo(new[] { 3, 10, 17, 24, 31, 38 }));
        JsonElement astropy = Astropy.Json("table", "tables/types.fits", "1", "FLAG");
        JsonElement[] expected = [.. astropy.GetProperty("rows").EnumerateArray()];
        foreach (int r in Enumerable.Range(0, rows.Length).Except(nulls))
        {
            Assert.That(rows[r][0].GetBoolean(), Is.EqualTo(expected[r][0].GetBoolean()), $"row {r}");
        }

        ProcessResult ints = ToolProcess.Run("table", "tables/scaled.fits", "-c", "I32N", "--csv");
        string[] cells = ints.Lines[1..];
        Assert.That(Enumerable.Range(0, cells.Length).Where(r => cells[r].Length == 0), Is.EqualTo(new[] { 5, 14, 23, 32, 41 }));
    }

    [Test]
    public void Console_output_has_a_heading_and_a_line_per_row()
    {
        ProcessResult result = ToolProcess.Run("table", "tables/mef.fits", "-e", "3");
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Lines, Has.Length.EqualTo(1 + 3));
        Assert.That(result.Lines[0].Split(' ', System.StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
    }

    [TestCase("tables/types.fits", "1", "F32")]
    [TestCase("tables/types.fits", "1", "I64")]
    [TestCase("tables/scaled.fits", "1", "I32S")]
    [TestCase("tables/types.fits", "1", "F64V")]
    public void Column_stats_match_numpy(string file, string extension, string column)
    {
        JsonElement expected = Astropy.Json("column_stats", file, extension, column);
        ProcessResult result = ToolProcess.Run("stats", file, "-e", extension, "-c", column, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        JsonElement actual = JsonDocument.Parse(result.Output).RootElement;
        Assert.That(actual.GetProperty("values").GetInt64(), Is.EqualTo(expected.GetProperty("pixels").GetInt64()));
        Assert.That(actual.GetProperty("nan").GetInt64(), Is.EqualTo(expected.GetProperty("nan").GetInt64()));
        string[] names = ["min", "max", "mean", "median", "std"];
        for (int i = 0; i < names.Length; i++)
        {
            string text = expected.GetProperty("values")[i].GetString()!;
            double numpy = text switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, "nan" => double.NaN, _ => double.Parse(text, CultureInfo.InvariantCulture) };
            JsonElement ours = actual.GetProperty(names[i]);
            if (!double.IsFinite(numpy))
            {
                Assert.That(ours.ValueKind, Is.EqualTo(JsonValueKind.Null), names[i]);
                continue;
            }

            double tolerance = names[i] is "mean" or "std" ? 1e-12 * System.Math.Max(1, System.Math.Abs(numpy)) : 0;
            Assert.That(ours.GetDouble(), Is.EqualTo(numpy).Within(tolerance), names[i]);
        }
    }

    [TestCase("tables/types.fits", "-c", "NO_SUCH")]
    [TestCase("tables/types.fits", "-w", "I32 >> 1")]
    [TestCase("tables/types.fits", "-e", "0")]
    [TestCase("tables/types.fits", "-r", "a:b")]
    [TestCase("int16_2d.fits")]
    public void Bad_input_is_one_line_and_exit_code_2(string file, params string[] options)
    {
        ProcessResult result = ToolProcess.Run(["table", file, .. options]);
        ToolProcess.AssertOneLineError(result);
    }

    private static void AssertSame(JsonElement actual, JsonElement expected, string where)
    {
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.That(actual.ValueKind, Is.EqualTo(JsonValueKind.Array), where);
            JsonElement[] a = [.. actual.EnumerateArray()], e = [.. expected.EnumerateArray()];
            Assert.That(a, Has.Length.EqualTo(e.Length), where);
            for (int i = 0; i < e.Length; i++)
            {
                AssertSame(a[i], e[i], $"{where}[{i}]");
            }

            return;
        }

        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            if (expected.TryGetInt64(out long e) && actual.TryGetInt64(out long a))
            {
                Assert.That(a, Is.EqualTo(e), where);
            }
            else if (expected.TryGetUInt64(out ulong eu) && actual.TryGetUInt64(out ulong au))
            {
                Assert.That(au, Is.EqualTo(eu), where);
            }
            else
            {
                Assert.That(actual.GetDouble(), Is.EqualTo(expected.GetDouble()), where);
            }

            return;
        }

        Assert.That(actual.ValueKind, Is.EqualTo(expected.ValueKind), $"{where}: {actual} vs {expected}");
        if (expected.ValueKind == JsonValueKind.String)
        {
            Assert.That(actual.GetString(), Is.EqualTo(expected.GetString()), where);
        }
    }
}
