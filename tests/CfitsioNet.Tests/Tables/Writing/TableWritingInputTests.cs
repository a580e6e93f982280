using System;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>Bad columns are refused before anything is written; the file stays usable and the user's file untouched.</summary>
[TestFixture]
public sealed class TableWritingInputTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempDirectory("tablewrite-input");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Column_arguments_are_checked_when_the_column_is_made()
    {
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("", new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("  ", new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("R\u00C9", new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("A", new[] { 1.0 }, unit: new string('x', 69)));
        Assert.Throws<ArgumentNullException>(() => TableColumnData.Of("A", (double[])null!));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("S", ["abc"], width: 0));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("S", ["abcdef"], width: 3));
        ArgumentException nonAscii = Assert.Throws<ArgumentException>(() => TableColumnData.Of("S", ["caf\u00E9"]))!;
        Assert.That(nonAscii.Message, Does.Contain("allowNonAscii"));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("S", ["tab\there"], allowNonAscii: true));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("S", ["\u20AC"], allowNonAscii: true));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("T", new float[7], cellShape: [2, 3]), "7 is not a whole number of 6-value cells");
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("T", new float[6], cellShape: [0, 3]));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("T", new float[6], cellShape: []));
        Assert.Throws<ArgumentOutOfRangeException>(() => TableColumnData.Bits("X", new bool[8], bitsPerRow: 0));
        Assert.Throws<ArgumentException>(() => TableColumnData.Bits("X", new bool[9], bitsPerRow: 2));
        Assert.Throws<ArgumentException>(() => TableColumnData.ComplexPairs("C", new float[3]));
        Assert.Throws<NotSupportedException>(() => TableColumnData.Of("Z", new char[2]));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("U", new ushort[2]).WithScaling(2, 1), "unsigned columns carry their own TZERO");
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("F", new float[2]).WithScaling(0, 1));
        Assert.Throws<ArgumentException>(() => TableColumnData.Of("F", new float[2]).WithNull(0), "TNULL is for integers");
        Assert.Throws<ArgumentOutOfRangeException>(() => TableColumnData.Of("B", new byte[2]).WithNull(256));
    }

    [Test]
    public void Tables_that_do_not_hold_together_are_refused_without_faulting_the_file()
    {
        string path = _folder.File("bad.fits");
        using (var fits = FitsFile.Create(path))
        {
            Assert.Throws<ArgumentException>(() => fits.AddTable([TableColumnData.Of("A", new double[3]), TableColumnData.Of("B", new int[4])]), "lengths differ");
            Assert.Throws<ArgumentException>(() => fits.AddTable([TableColumnData.Of("A", new double[3]), TableColumnData.Of("a", new int[3])]), "same name");
            Assert.Throws<ArgumentException>(() => fits.AddTable([]));
            Assert.Throws<ArgumentNullException>(() => fits.AddTable([null!]));
            Assert.Throws<ArgumentException>(
                () => fits.AddTable([TableColumnData.Of("L", new bool[3])], new TableWriteOptions { Ascii = true }), "no logicals in ASCII tables");
            Assert.Throws<ArgumentException>(
                () => fits.AddTable([TableColumnData.Of("D", new[] { double.NaN })], new TableWriteOptions { Ascii = true }), "no NaN in ASCII tables");
            Assert.That(fits.HduCount, Is.Zero, "nothing was written");

            using (TableWriter writer = fits.BeginTable([TableColumnData.Of("A", new double[2]), TableColumnData.Of("S", ["ab", "c"])]))
            {
                Assert.Throws<ArgumentException>(() => writer.WriteRows([TableColumnData.Of("A", new double[2])]), "a column missing");
                Assert.Throws<ArgumentException>(() => writer.WriteRows([TableColumnData.Of("A", new float[2]), TableColumnData.Of("S", ["x", "y"])]), "another type");
                Assert.Throws<ArgumentException>(() => writer.WriteRows([TableColumnData.Of("A", new double[1]), TableColumnData.Of("S", ["xyz"])]), "string wider than the column");
                writer.WriteRows([TableColumnData.Of("A", new[] { 5.0 }), TableColumnData.Of("S", ["z"])]);
                Assert.That(writer.RowCount, Is.EqualTo(3));
            }

            fits.Commit();
        }

        using (var fits = FitsFile.Open(path))
        {
            TableHdu table = fits[1].AsTable();
            Assert.That(table.ReadColumn<double>("A"), Is.EqualTo(new[] { 0.0, 0.0, 5.0 }));
            Assert.That(table.ReadStrings("S"), Is.EqualTo(new[] { "ab", "c", "z" }));
        }
    }

    [Test]
    public void Refused_appends_leave_the_users_file_byte_for_byte()
    {
        string path = _folder.File("kept.fits");
        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable([TableColumnData.Of("A", new[] { 1.0, 2.0 }), TableColumnData.Of("N", new[] { 1, 2 })], new TableWriteOptions { Name = "T" });
            fits.Commit();
        }

        byte[] before = File.ReadAllBytes(path);
        using (var fits = FitsFile.OpenForUpdate(path))
        {
            TableHdu table = fits["T"].AsTable();
            Assert.Throws<ArgumentException>(() => fits.AppendRows(table, [TableColumnData.Of("A", new[] { 3.0 })]), "a column missing");
            Assert.Throws<ArgumentException>(() => fits.AppendRows(table, [TableColumnData.Of("A", new[] { 3.0 }), TableColumnData.Of("N", new[] { 3L })]), "K is not J");
            Assert.Throws<ArgumentException>(() => fits.AppendRows(table, [TableColumnData.Of("N", new[] { 3 }), TableColumnData.Of("A", new[] { 3.0 })]), "order");
            Assert.Throws<ArgumentException>(() => fits.AddTable([TableColumnData.Of("A", new double[1]), TableColumnData.Of("B", new double[2])]));
            Assert.That(_folder.Entries().Where(e => e.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty, "no copy was made");
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    [Test]
    public void Non_ASCII_strings_with_permission_are_one_byte_each()
    {
        string path = _folder.File("latin1.fits");
        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable([TableColumnData.Of("S", ["caf\u00E9", "\u00FF"], allowNonAscii: true)]);
            fits.Commit();
        }

        using var read = FitsFile.Open(path);
        TableHdu table = read[1].AsTable();
        Assert.That(table.Columns["S"].Repeat, Is.EqualTo(4));
        Assert.That(table.ReadStrings("S"), Is.EqualTo(new[] { "caf\u00E9", "\u00FF" }));
    }
}
