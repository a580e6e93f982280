using System.Collections.Generic;
using System.Linq;
using CfitsioNet.Tables;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

[TestFixture]
public sealed class TableLayoutTests
{
    /// <summary>Each golden table's column offsets and widths, from its header through the parser, are astropy's record layout.</summary>
    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Offsets_and_widths_are_astropys(GoldenTable table)
    {
        TableLayout layout = LayoutOf(table);
        Assert.That(layout.IsAscii, Is.EqualTo(table.Kind == "AsciiTable"));
        Assert.That(layout.RowWidth, Is.EqualTo(table.RowBytes));
        Assert.That(layout.Columns.Select(c => (c.Number, c.Offset, c.Width)),
                    Is.EqualTo(table.Columns.Select(c => (c.Index, c.Offset, c.Width))));
        foreach (GoldenColumn column in table.Columns.Where(c => c.Kind is "number" or "logical" or "bits" && table.Kind == "BinaryTable"))
        {
            // astropy's cell shape (C order): [] for a scalar, else the TDIM axes reversed or [repeat].
            long[] expected = column.CellShape!.Length == 0 ? [1] : column.CellShape;
            Assert.That(layout.Columns[column.Index - 1].Shape, Is.EqualTo(expected), $"{table} {column.Name}");
        }
    }

    [Test]
    public void NAXIS1_must_be_the_sum_of_the_widths()
    {
        Assert.That(TableLayout.TryCreateBinary(["J", "D"], [], 16, out _, out string? error), Is.False);
        Assert.That(error, Is.EqualTo("NAXIS1 = 16 is not the sum of the column widths, 12"));
        Assert.That(TableLayout.TryCreateBinary(["J", "D"], [], 12, out TableLayout? layout, out error), Is.True, error);
        Assert.That(layout!.Columns.Select(c => c.Offset), Is.EqualTo(new long[] { 0, 4 }));
    }

    [Test]
    public void A_column_past_the_row_is_refused_before_any_overflow()
    {
        Assert.That(TableLayout.TryCreateBinary(["J", "99999999999999999K"], [], 12, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain("TFORM2 = '99999999999999999K' needs 799999999999999992 bytes at byte 4 of the row, past NAXIS1 = 12"));
        Assert.That(TableLayout.TryCreateBinary(["J"], [], -1, out _, out error), Is.False);
        Assert.That(error, Does.Contain("NAXIS1 = -1 is negative"));
    }

    [Test]
    public void Bad_forms_and_dimensions_name_their_keyword()
    {
        Assert.That(TableLayout.TryCreateBinary(["J", "JUNK"], [], 8, out _, out string? error), Is.False);
        Assert.That(error, Does.StartWith("TFORM2 = 'JUNK' has text after the data type letter"));
        Assert.That(TableLayout.TryCreateBinary(["J", "12E"], [null, "(3,5)"], 52, out _, out error), Is.False);
        Assert.That(error, Is.EqualTo("TDIM2 = '(3,5)' describes 15 elements, but the column's repeat count is 12 (TFORM2 = '12E')"));
    }

    [Test]
    public void A_bad_layout_is_a_FitsException_naming_the_file()
    {
        var e = Assert.Throws<FitsException>(() => TableLayout.CreateBinary(["J", "2PJ"], [], 20, "cat.fits", 2))!;
        Assert.That(e.Message, Does.Contain("TFORM2 = '2PJ' has a repeat count of 2 before P"));
        Assert.That(e.FileName, Is.EqualTo("cat.fits"));
        Assert.That(e.HduIndex, Is.EqualTo(2));
        var a = Assert.Throws<FitsException>(() => TableLayout.CreateAscii(["I6"], [40], 44, "cat.fits", 1))!;
        Assert.That(a.Message, Does.Contain("TBCOL1 = 40 with TFORM1 = 'I6' puts the field outside the row (NAXIS1 = 44)"));
    }

    [Test]
    public void ASCII_fields_may_leave_gaps_but_not_leave_the_row()
    {
        Assert.That(TableLayout.TryCreateAscii(["A4", "I3"], [2, 10], 12, out TableLayout? layout, out string? error), Is.True, error);
        Assert.That(layout!.Columns.Select(c => (c.Offset, c.Width)), Is.EqualTo(new[] { (1L, 4L), (9L, 3L) }));
        Assert.That(TableLayout.TryCreateAscii(["A4"], [0], 12, out _, out error), Is.False);
        Assert.That(error, Does.Contain("TBCOL1 = 0"));
        Assert.That(TableLayout.TryCreateAscii(["A4", "I3"], [1], 12, out _, out error), Is.False);
        Assert.That(error, Is.EqualTo("2 TFORMn values but 1 TBCOLn values"));
    }

    /// <summary>The layout of a golden table from its header as CfitsioNet's header reader gives it.</summary>
    internal static TableLayout LayoutOf(GoldenTable table)
    {
        using FitsFile fits = FitsFile.Open(table.Path);
        Header header = fits[table.Hdu].Header;
        int fields = header.Get<int>("TFIELDS");
        long rowWidth = header.Get<long>("NAXIS1");
        var tforms = new List<string>();
        var tdims = new List<string?>();
        var tbcols = new List<long>();
        for (int n = 1; n <= fields; n++)
        {
            tforms.Add(header.Get<string>($"TFORM{n}"));
            tdims.Add(header.GetStringOrNull($"TDIM{n}"));
            if (table.Kind == "AsciiTable")
            {
                tbcols.Add(header.Get<long>($"TBCOL{n}"));
            }
        }

        return table.Kind == "AsciiTable"
            ? TableLayout.CreateAscii(tforms, tbcols, rowWidth, table.Path, table.Hdu)
            : TableLayout.CreateBinary(tforms, tdims, rowWidth, table.Path, table.Hdu);
    }
}
