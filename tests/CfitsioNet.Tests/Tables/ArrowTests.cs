using System;
using System.Collections.Generic;
using System.Linq;
using Apache.Arrow;
using CfitsioNet.Arrow;
using CfitsioNet.Tests.Support;
using Microsoft.Data.Analysis;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// CfitsioNet.Arrow: golden tables as Arrow record batches hold the values the table API reads (which
/// <see cref="TableHduGoldenTests"/> holds to astropy's), with TNULL as validity, vectors as fixed-size lists and
/// variable-length arrays as lists; a batch goes into a Microsoft.Data.Analysis DataFrame with the same values.
/// </summary>
[TestFixture]
public sealed class ArrowTests
{
    [Test]
    public void A_table_goes_into_a_DataFrame_with_its_values_and_nulls()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("scaled.fits"));
        TableHdu table = fits[1].AsTable();
        // Not U32: Microsoft.Data.Analysis 0.24.0 reads a UInt32 Arrow array as Int32 and throws (its bug); the batch has it right.
        string[] columns = ["U16", "U64", "I32N", "I16S", "F32S", "U8N"];
        Assert.That(table.ReadRecordBatch(["U32"]).Column(0), Is.TypeOf<UInt32Array>());
        RecordBatch batch = table.ReadRecordBatch(columns);
        Assert.That(batch.Length, Is.EqualTo(table.RowCount));
        Assert.That(batch.Column("U16"), Is.TypeOf<UInt16Array>());
        DataFrame frame = DataFrame.FromArrowRecordBatch(batch);
        Assert.That(frame.Rows.Count, Is.EqualTo(table.RowCount));

        ushort[] u16 = table.ReadColumn<ushort>("U16");
        Assert.That(frame["U16"].Cast<ushort?>().Select(v => v!.Value), Is.EqualTo(u16));
        Assert.That(frame["U64"].Cast<ulong?>().Select(v => v!.Value), Is.EqualTo(table.ReadColumn<ulong>("U64")));
        Assert.That(frame["I16S"].Cast<float?>().Select(v => v!.Value), Is.EqualTo(table.ReadColumn<float>("I16S")));

        var values = new int[table.RowCount];
        var nulls = new bool[values.Length];
        table.ReadColumn<int>("I32N", values, nulls);
        int?[] expected = [.. values.Select((v, i) => nulls[i] ? (int?)null : v)];
        Assert.That(frame["I32N"].Cast<int?>(), Is.EqualTo(expected), "TNULL as null");
        Assert.That(frame["I32N"].NullCount, Is.EqualTo(nulls.Count(n => n)));
        Assert.That(nulls.Count(n => n), Is.EqualTo(TablesGolden.Get("scaled.fits", 1).Columns.Single(c => c.Name == "I32N").Nulls.Length));
    }

    [Test]
    public void Batches_stream_and_keep_vectors_strings_and_variable_length_arrays()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu table = fits[1].AsTable();
        string[] columns = ["I16", "F64V", "TEXT", "FLAG", "C128"];
        Schema schema = table.ToArrowSchema(columns);
        Assert.That(schema.FieldsList.Select(f => f.Name), Is.EqualTo(columns));
        Assert.That(schema.GetFieldByName("F64V").Metadata!["fits.tform"], Is.EqualTo(table.Columns["F64V"].Format));

        List<RecordBatch> batches = [.. table.ReadRecordBatches(columns, rowsPerBatch: 7)];
        Assert.That(batches.Sum(b => b.Length), Is.EqualTo(table.RowCount));
        Assert.That(schema.GetFieldByName("F64V")!.Metadata!["fits.tform"], Is.EqualTo(table.Columns["F64V"].Format));

        short[] i16 = table.ReadColumn<short>("I16");
        Assert.That(batches.SelectMany(b => ((Int16Array)b.Column("I16")).Values.ToArray()), Is.EqualTo(i16));

        double[] f64v = table.ReadColumn<double>("F64V");
        var lists = batches.Select(b => (FixedSizeListArray)b.Column("F64V")).ToList();
        Assert.That(lists.SelectMany(l => ((DoubleArray)l.Values).Values.ToArray()), Is.EqualTo(f64v));

        string[] text = table.ReadStrings("TEXT");
        Assert.That(batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((StringArray)b.Column("TEXT")).GetString(i))), Is.EqualTo(text));

        bool[] flag = table.ReadColumn<bool>("FLAG");
        var undefined = new bool[flag.Length];
        table.ReadColumn<bool>("FLAG", new bool[flag.Length], undefined);
        var arrow = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((BooleanArray)b.Column("FLAG")).GetValue(i))).ToArray();
        Assert.That(arrow, Is.EqualTo(flag.Select((v, i) => undefined[i] ? (bool?)null : v)), "undefined logicals as null");

        using var vla = FitsFile.Open(TablesGolden.PathOf("vla.fits"));
        TableHdu arrays = vla[1].AsTable();
        VariableLengthColumn<int> vj = arrays.ReadVariable<int>("VJ");
        var list = (ListArray)arrays.ReadRecordBatch(["VJ"]).Column(0);
        Assert.That(list.Length, Is.EqualTo(vj.RowCount));
        for (int r = 0; r < vj.RowCount; r++)
        {
            Assert.That(((Int32Array)list.GetSlicedValues(r)).Values.ToArray(), Is.EqualTo(vj[r].ToArray()), $"row {r}");
        }
    }
}
