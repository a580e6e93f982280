using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// The public table API on the golden tables (written by astropy and by CFITSIO's own writer): every column of every
/// table read through <see cref="TableHdu"/> must give what astropy reads (expected.json: digests, null positions,
/// strings, variable-length arrays), except where the standard and astropy disagree (marked in the file).
/// </summary>
[TestFixture]
public sealed class TableHduGoldenTests
{
    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Schema_matches_the_header_astropy_reads(GoldenTable golden)
    {
        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        Assert.That(table.Kind.ToString(), Is.EqualTo(golden.Kind));
        Assert.That(table.IsAscii, Is.EqualTo(golden.Kind == "AsciiTable"));
        Assert.That(table.RowCount, Is.EqualTo(golden.Rows));
        Assert.That(table.RowWidth, Is.EqualTo(golden.RowBytes));
        Assert.That(table.Columns, Has.Count.EqualTo(golden.Columns.Count));
        foreach (GoldenColumn expected in golden.Columns)
        {
            TableColumn column = table.Columns[expected.Lookup];
            Assert.That(column.Number, Is.EqualTo(expected.Index), expected.Lookup);
            Assert.That(column.Name, Is.EqualTo(expected.Name ?? ""), expected.Lookup);
            Assert.That(column.Format, Is.EqualTo(expected.Tform.Trim()), expected.Lookup);
            Assert.That(column.Layout.Offset, Is.EqualTo(expected.Offset), $"{expected.Lookup} offset");
            Assert.That(column.Layout.Width, Is.EqualTo(expected.Width), $"{expected.Lookup} width");
            if (expected.Tscal is not null)
            {
                Assert.That(column.Scale, Is.EqualTo(double.Parse(expected.Tscal, CultureInfo.InvariantCulture)), $"{expected.Lookup} TSCAL");
            }

            if (expected.Tzero is not null)
            {
                Assert.That(column.Zero, Is.EqualTo(double.Parse(expected.Tzero, CultureInfo.InvariantCulture)), $"{expected.Lookup} TZERO");
            }

            if (expected.Tnull is not null)
            {
                if (table.IsAscii)
                {
                    Assert.That(column.NullString, Is.EqualTo(expected.Tnull.Trim()), $"{expected.Lookup} TNULL");
                }
                else
                {
                    Assert.That(column.Null, Is.EqualTo(long.Parse(expected.Tnull, CultureInfo.InvariantCulture)), $"{expected.Lookup} TNULL");
                }
            }

            if (expected.Kind is "number" or "logical" or "bits" && !table.IsAscii)
            {
                Assert.That(column.CellShape, Is.EqualTo(expected.CellShape), $"{expected.Lookup} cell shape");
                Assert.That(column.CellElements, Is.EqualTo(expected.CellShape!.Aggregate(1L, (a, b) => a * b)));
            }

            if (expected.Kind == "number" && expected.Dtype is "int16" or "uint16" or "int32" or "uint32" or "int64" or "uint64" or "uint8" or "float32")
            {
                Assert.That(column.NaturalType, Is.EqualTo(ClrType(expected.Dtype!)), $"{expected.Lookup}: the natural type is astropy's dtype");
            }
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Numeric_columns_read_what_astropy_reads(GoldenTable golden)
    {
        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        var numbers = golden.Columns.Where(c => c.Kind == "number").ToList();
        if (numbers.Count == 0 || golden.Rows == 0)
        {
            Assert.Pass("no numeric values");
        }

        foreach (GoldenColumn expected in numbers)
        {
            TableColumn column = table.Columns[expected.Lookup];
            long elements = golden.Rows * column.CellElements;
            var nulls = new bool[elements];
            byte[] values = Read(table, expected.Lookup, expected.Dtype!, nulls);
            if (table.IsAscii)
            {
                // CFITSIO (with a null value) gives NaN or, for integers, 0 for a null field; astropy reads 0 there.
                Assert.That(Enumerable.Range(0, nulls.Length).Where(i => nulls[i]), Is.EqualTo(expected.Nulls), $"{golden} {expected.Lookup} null fields");
                ZeroNulls(values, expected.Dtype!, nulls);
                foreach (int row in expected.AstropyDiffers)
                {
                    // astropy ignores the implied decimals of a field without a decimal point; the standard (and CFITSIO) apply them.
                    int decimals = int.Parse(expected.Tform.Split('.')[1], CultureInfo.InvariantCulture);
                    double standard = BitConverter.ToDouble(values, row * 8);
                    double astropy = Math.Round(standard * Math.Pow(10, decimals));
                    Assert.That(standard, Is.EqualTo(astropy / Math.Pow(10, decimals)), $"{golden} {expected.Lookup} row {row}");
                    BitConverter.GetBytes(astropy).CopyTo(values, row * 8);
                }
            }
            else
            {
                Assert.That(Enumerable.Range(0, nulls.Length).Where(i => nulls[i]), Is.EqualTo(expected.Nulls), $"{golden} {expected.Lookup} TNULL flags");
                if (expected.Dtype == "float64" && expected.Nulls.Length > 0)
                {
                    // We give NaN for TNULL; astropy applies no TNULL to binary tables and gives the scaled stored value.
                    double scaled = (column.Null!.Value * column.Scale) + column.Zero;
                    foreach (int i in expected.Nulls)
                    {
                        Assert.That(BitConverter.ToDouble(values, i * 8), Is.NaN);
                        BitConverter.GetBytes(scaled).CopyTo(values, i * 8);
                    }
                }
            }

            Assert.That(TablesGoldenTests.Digest(values, expected.Dtype!), Is.EqualTo(expected.Sha256), $"{golden} {expected.Lookup} ({expected.Tform}) as {expected.Dtype}");
            if (expected.BitsSha256 is not null)
            {
                Assert.That(Convert.ToHexStringLower(SHA256.HashData(values)), Is.EqualTo(expected.BitsSha256), $"{golden} {expected.Lookup}: exact bits, NaN payloads kept");
            }
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Integer_nulls_become_NaN_in_floating_reads(GoldenTable golden)
    {
        var withNulls = golden.Columns.Where(c => c.Kind == "number" && c.Nulls.Length > 0 && c.Dtype is not ("float32" or "float64")).ToList();
        if (withNulls.Count == 0)
        {
            Assert.Pass("no integer column with nulls");
        }

        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        foreach (GoldenColumn expected in withNulls)
        {
            // 64-bit integers read into double as for images: the nearest double, no Lossy needed.
            ReadOptions options = default;
            double[] values = table.ReadColumn<double>(expected.Lookup, options);
            Assert.That(Enumerable.Range(0, values.Length).Where(i => double.IsNaN(values[i])), Is.EqualTo(expected.Nulls), $"{golden} {expected.Lookup}");
            var flagged = new double[values.Length];
            var nulls = new bool[values.Length];
            table.ReadColumn<double>(expected.Lookup, flagged, nulls, options: options);
            Assert.That(flagged, Is.EqualTo(values), "with null flags, the same values (NaN for nulls)");
            Assert.That(Enumerable.Range(0, nulls.Length).Where(i => nulls[i]), Is.EqualTo(expected.Nulls));
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Logical_and_bit_columns_read_what_astropy_reads(GoldenTable golden)
    {
        var columns = golden.Columns.Where(c => c.Kind is "logical" or "bits").ToList();
        if (columns.Count == 0 || golden.Rows == 0)
        {
            Assert.Pass("no logical or bit columns");
        }

        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        foreach (GoldenColumn expected in columns)
        {
            var values = new bool[golden.Rows * table.Columns[expected.Lookup].CellElements];
            var nulls = new bool[values.Length];
            table.ReadColumn<bool>(expected.Lookup, values, nulls);
            Assert.That(Sha(MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), Is.EqualTo(expected.Sha256), $"{golden} {expected.Lookup}");
            Assert.That(Enumerable.Range(0, nulls.Length).Where(i => nulls[i]), Is.EqualTo(expected.Kind == "logical" ? expected.Nulls : []), $"{golden} {expected.Lookup} nulls");
            Assert.That(table.ReadColumn<bool>(expected.Lookup), Is.EqualTo(values));
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void String_columns_read_what_astropy_reads(GoldenTable golden)
    {
        var columns = golden.Columns.Where(c => c.Kind == "string" && c.Strings is not null).ToList();
        if (columns.Count == 0)
        {
            Assert.Pass("no string columns");
        }

        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        foreach (GoldenColumn expected in columns)
        {
            string[] strings = table.ReadStrings(expected.Lookup);
            // The FITS standard (and CFITSIO): a NUL ends a string and trailing blanks are not significant; astropy keeps
            // what follows a NUL and a lone blank.
            string[] astropy = expected.Strings!.SelectMany(r => r).Select(h => Standard(Encoding.Latin1.GetString(Convert.FromHexString(h)))).ToArray();
            Assert.That(strings, Is.EqualTo(astropy), $"{golden} {expected.Lookup}");

            var raw = new byte[golden.Rows * expected.Width];
            table.ReadCellBytes(expected.Lookup, raw);
            Assert.That(strings.Length == 0 || raw.Length > 0);
            for (int row = 0; row < golden.Rows; row++)
            {
                Assert.That(Encoding.Latin1.GetString(raw, (int)(row * expected.Width), (int)expected.Width).TrimEnd(' ', '\0'),
                            Does.StartWith(strings[row * (strings.Length / (int)golden.Rows)]), $"{golden} {expected.Lookup} row {row} raw");
            }
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Variable_length_columns_read_what_astropy_reads(GoldenTable golden)
    {
        var columns = golden.Columns.Where(c => c.Kind is "vla" or "vla_string" && c.VlaLengths is not null).ToList();
        if (columns.Count == 0)
        {
            Assert.Pass("no variable-length columns");
        }

        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        foreach (GoldenColumn expected in columns)
        {
            TableColumn column = table.Columns[expected.Lookup];
            Assert.That(column.IsVariableLength, expected.Lookup);
            if (expected.Kind == "vla_string")
            {
                string[] strings = table.ReadVariableStrings(expected.Lookup);
                Assert.That(strings.Select(s => Convert.ToHexStringLower(Encoding.Latin1.GetBytes(s))), Is.EqualTo(expected.VlaStrings), $"{golden} {expected.Lookup}");
                continue;
            }

            (byte[] bytes, long[] offsets) = ReadVariable(table, expected.Lookup, expected.Dtype!);
            int perElement = expected.Dtype == "complex64" ? 2 : 1; // read as float pairs
            Assert.That(offsets.Zip(offsets.Skip(1), (a, b) => (b - a) / perElement), Is.EqualTo(expected.VlaLengths), $"{golden} {expected.Lookup} lengths");
            if (expected.VlaSha256 is not null)
            {
                Assert.That(TablesGoldenTests.Digest(bytes, expected.Dtype!), Is.EqualTo(expected.VlaSha256), $"{golden} {expected.Lookup} values");
            }

            if (expected.VlaBitsSha256 is not null)
            {
                Assert.That(Sha(bytes), Is.EqualTo(expected.VlaBitsSha256), $"{golden} {expected.Lookup} exact bits");
            }
        }
    }

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Several_columns_in_one_pass_and_in_chunks_equal_the_single_reads(GoldenTable golden)
    {
        using var fits = FitsFile.Open(golden.Path);
        TableHdu table = fits[golden.Hdu].AsTable();
        TableChunk all = table.Read();
        Assert.That(all.RowCount, Is.EqualTo(golden.Rows));
        Assert.That(all.Columns.Select(c => c.Number), Is.EqualTo(golden.Columns.Select(c => c.Index)));
        foreach (int chunkRows in new[] { 1, 7, (int)golden.Rows + 1 })
        {
            var kept = new List<TableChunk>();
            long next = 0;
            foreach (TableChunk chunk in table.ReadChunks(null, chunkRows))
            {
                Assert.That(chunk.StartRow, Is.EqualTo(next));
                next += chunk.RowCount;
                kept.Add(chunk.Detach());
            }

            Assert.That(next, Is.EqualTo(golden.Rows), $"chunks of {chunkRows}");
            foreach (TableColumn column in all.Columns)
            {
                string name = column.Name.Length == 0 ? $"col{column.Number}" : column.Name;
                Assert.That(Flatten(kept.Select(k => k.GetValues(name))), Is.EqualTo(Flatten([all.GetValues(name)])).AsCollection,
                            $"{golden} {name} in chunks of {chunkRows}");
            }
        }
    }

    [Test]
    public void Row_ranges_and_row_lists_select_the_same_values_as_a_full_read()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu table = fits[1].AsTable();
        string name = table.Columns.First(c => c.Format == "2D").Name;
        double[] every = table.ReadColumn<double>(name);
        Assert.That(table.ReadColumn<double>(name, 5..9), Is.EqualTo(every[10..18]));
        Assert.That(table.ReadColumn<double>(name, ^3..), Is.EqualTo(every[^6..]));
        Assert.That(table.ReadColumn<double>(name, new RowRange(0, 0)), Is.Empty);
        var span = new double[8];
        table.ReadColumn<double>(name, span, rows: RowRange.FromStart(5, 4));
        Assert.That(span, Is.EqualTo(every[10..18]));
        long[] rows = [0, 1, 2, 30, 7, 8, 39];
        Assert.That(table.ReadColumnAt<double>(name, rows), Is.EqualTo(rows.SelectMany(r => every.Skip((int)r * 2).Take(2))));
        using NativeBuffer<double> native = table.ReadColumnNative<double>(name, 5..9);
        Assert.That(native.Shape, Is.EqualTo(new long[] { 4, 2 }));
        Assert.That(native.Span.ToArray(), Is.EqualTo(every[10..18]));

        Assert.Throws<ArgumentOutOfRangeException>(() => table.ReadColumn<double>(name, 0..41));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.ReadColumnAt<double>(name, [40]));
        Assert.Throws<ArgumentException>(() => table.ReadColumn<double>(name, new double[7], rows: 0..4));
    }

    [Test]
    public void Wrong_uses_fail_with_messages_that_say_what_to_do()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu table = fits[1].AsTable();
        string text = table.Columns.First(c => c.Type == ColumnType.String).Name;
        string ints = table.Columns.First(c => c.Format == "J").Name;
        string doubles = table.Columns.First(c => c.Format == "D").Name;
        Assert.That(() => table.ReadColumn<double>("NO_SUCH_COLUMN"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains(ints));
        Assert.That(() => table.ReadColumn<byte>(text), Throws.InvalidOperationException.With.Message.Contains("ReadStrings"));
        Assert.That(() => table.ReadColumn<short>(ints), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Lossy"));
        Assert.That(() => table.ReadColumn<int>(doubles), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => table.ReadColumn<bool>(ints), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => table.ReadColumn<Complex>(doubles), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => table.ReadStrings(ints), Throws.InvalidOperationException);
        Assert.That(() => fits[1].AsImage(), Throws.InvalidOperationException);
        Assert.That(() => fits[0].AsTable(), Throws.InvalidOperationException);
        Assert.That(table.ReadColumn<long>(ints), Is.EqualTo(table.ReadColumn<int>(ints).Select(v => (long)v)), "a wider type is exact");
        Assert.That(table.ReadColumn<short>(ints, ReadOptions.Lossy), Has.Length.EqualTo(40), "lossy when asked");

        using var vla = FitsFile.Open(TablesGolden.PathOf("vla.fits"));
        TableHdu arrays = vla[1].AsTable();
        string variable = arrays.Columns.First(c => c.IsVariableLength && c.Type == ColumnType.Int32).Name;
        Assert.That(() => arrays.ReadColumn<int>(variable), Throws.InvalidOperationException.With.Message.Contains("ReadVariable"));
    }

    [Test]
    public void Where_finds_the_rows_CFITSIO_evaluates_and_refuses_bad_expressions()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu table = fits[1].AsTable();
        string ints = table.Columns.First(c => c.Format == "J").Name;
        string doubles = table.Columns.First(c => c.Format == "D").Name;
        int[] j = table.ReadColumn<int>(ints);
        double[] d = table.ReadColumn<double>(doubles);
        Assert.That(table.Where($"{ints} > 0"), Is.EqualTo(Enumerable.Range(0, 40).Where(i => j[i] > 0).Select(i => (long)i)));
        // CFITSIO's evaluator reads NaN and infinities as undefined (false) and subnormals as 0.
        Assert.That(table.Where($"{ints} > 0 && {doubles} < 0"),
                    Is.EqualTo(Enumerable.Range(0, 40).Where(i => j[i] > 0 && double.IsNormal(d[i]) && d[i] < 0).Select(i => (long)i)));
        long[] hits = table.Where($"{ints} % 2 == 0");
        Assert.That(table.ReadColumnAt<int>(ints, hits), Has.All.Matches<int>(v => v % 2 == 0));

        FitsException syntax = Assert.Throws<FitsException>(() => table.Where($"{ints} > > 3"))!;
        Assert.That(syntax.Message, Does.Contain($"{ints} > > 3"));
        Assert.That(syntax.FileName, Does.EndWith("types.fits"));
        FitsException unknown = Assert.Throws<FitsException>(() => table.Where("NO_SUCH_COLUMN > 3"))!;
        Assert.That(unknown.Message, Does.Contain("NO_SUCH_COLUMN"));
        Assert.Throws<FitsException>(() => table.Where($"{doubles} + 1"), "not boolean");
        Assert.Throws<ArgumentException>(() => table.Where(" "));
    }

    [Test]
    public void An_empty_table_reads_empty_and_evaluates_no_rows()
    {
        using var fits = FitsFile.Open(TablesGolden.PathOf("empty.fits"));
        foreach (TableHdu table in fits.Skip(1).Cast<TableHdu>())
        {
            Assert.That(table.RowCount, Is.Zero);
            TableColumn first = table.Columns[0];
            Assert.That(table.ReadColumn<double>(first.Name), Is.Empty);
            Assert.That(table.Read().RowCount, Is.Zero);
            Assert.That(table.ReadChunks(null, 10), Is.Empty);
            Assert.That(table.Where($"{first.Name} > 0"), Is.Empty);
        }
    }

    private static string Standard(string astropy)
    {
        int nul = astropy.IndexOf('\0', StringComparison.Ordinal);
        return (nul < 0 ? astropy : astropy[..nul]).TrimEnd(' ');
    }

    private static void ZeroNulls(byte[] values, string dtype, bool[] nulls)
    {
        int size = values.Length / Math.Max(1, nulls.Length);
        for (int i = 0; i < nulls.Length; i++)
        {
            if (nulls[i])
            {
                Array.Clear(values, i * size, size);
            }
        }

        _ = dtype;
    }

    private static object[] Flatten(IEnumerable<object> parts)
    {
        var all = new List<object>();
        foreach (object part in parts)
        {
            if (part is Array array)
            {
                all.AddRange(array.Cast<object>());
            }
            else
            {
                all.AddRange(Rows(part));
            }
        }

        return all.ToArray();
    }

    /// <summary>A variable-length column's rows, each as text.</summary>
    /// <remarks>Complex arrays are compared by value; NaN never equals NaN, so the golden tables' complex columns hold none.</remarks>
    private static IEnumerable<string> Rows(object part) => part switch
    {
        VariableLengthColumn<double> v => Rows(v),
        VariableLengthColumn<float> v => Rows(v),
        VariableLengthColumn<long> v => Rows(v),
        VariableLengthColumn<int> v => Rows(v),
        VariableLengthColumn<short> v => Rows(v),
        VariableLengthColumn<byte> v => Rows(v),
        VariableLengthColumn<bool> v => Rows(v),
        VariableLengthColumn<Complex> v => Rows(v),
        _ => throw new NotSupportedException(part.GetType().Name),
    };

    private static IEnumerable<string> Rows<T>(VariableLengthColumn<T> v) =>
        Enumerable.Range(0, v.RowCount).Select(r => string.Join(",", v[r].ToArray())).ToArray();

    private static Type ClrType(string dtype) => dtype switch
    {
        "uint8" => typeof(byte),
        "int8" => typeof(sbyte),
        "int16" => typeof(short),
        "uint16" => typeof(ushort),
        "int32" => typeof(int),
        "uint32" => typeof(uint),
        "int64" => typeof(long),
        "uint64" => typeof(ulong),
        "float32" => typeof(float),
        "float64" => typeof(double),
        _ => typeof(Complex),
    };

    /// <summary>The column read as astropy's dtype, as little-endian bytes (complex as pairs of that precision).</summary>
    private static byte[] Read(TableHdu table, string name, string dtype, bool[] nulls) => dtype switch
    {
        "uint8" => Fixed<byte>(table, name, nulls),
        "int8" => Fixed<sbyte>(table, name, nulls),
        "int16" => Fixed<short>(table, name, nulls),
        "uint16" => Fixed<ushort>(table, name, nulls),
        "int32" => Fixed<int>(table, name, nulls),
        "uint32" => Fixed<uint>(table, name, nulls),
        "int64" => Fixed<long>(table, name, nulls),
        "uint64" => Fixed<ulong>(table, name, nulls),
        "float32" => Fixed<float>(table, name, nulls),
        "float64" => Fixed<double>(table, name, nulls),
        "complex64" => ComplexPairs(table, name),
        "complex128" => ComplexBytes(table.ReadColumn<Complex>(name), single: false),
        _ => throw new NotSupportedException(dtype),
    };

    private static byte[] Fixed<T>(TableHdu table, string name, bool[] nulls)
        where T : unmanaged
    {
        var values = new T[nulls.Length];
        table.ReadColumn<T>(name, values, nulls);
        Assert.That(table.ReadColumn<T>(name), Is.EqualTo(values), $"{name}: the array overload reads the same");
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    /// <summary>A C column as float pairs (bit for bit), checked against the Complex read.</summary>
    private static byte[] ComplexPairs(TableHdu table, string name)
    {
        float[] pairs = table.ReadColumn<float>(name);
        Complex[] values = table.ReadColumn<Complex>(name);
        Assert.That(pairs, Has.Length.EqualTo(values.Length * 2));
        Assert.That(values.Select(v => v.Real), Is.EqualTo(pairs.Where((_, i) => i % 2 == 0).Select(f => (double)f)), $"{name} real parts");
        return MemoryMarshal.AsBytes(pairs.AsSpan()).ToArray();
    }

    private static byte[] ComplexBytes(Complex[] values, bool single)
    {
        if (!single)
        {
            return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }

        float[] pairs = values.SelectMany(v => new[] { (float)v.Real, (float)v.Imaginary }).ToArray();
        return MemoryMarshal.AsBytes(pairs.AsSpan()).ToArray();
    }

    private static (byte[] Bytes, long[] Offsets) ReadVariable(TableHdu table, string name, string dtype)
    {
        (byte[], long[]) Of<T>(VariableLengthColumn<T> v)
            where T : unmanaged
            => (MemoryMarshal.AsBytes(v.Values.AsSpan()).ToArray(), v.Offsets);

        return dtype switch
        {
            "bool" => Of(table.ReadVariable<bool>(name)),
            "uint8" => Of(table.ReadVariable<byte>(name)),
            "int16" => Of(table.ReadVariable<short>(name)),
            "int32" => Of(table.ReadVariable<int>(name)),
            "int64" => Of(table.ReadVariable<long>(name)),
            "float32" => Of(table.ReadVariable<float>(name)),
            "float64" => Of(table.ReadVariable<double>(name)),
            "complex64" => Of(table.ReadVariable<float>(name)),
            "complex128" => ComplexVariable(table.ReadVariable<Complex>(name), single: false),
            _ => throw new NotSupportedException(dtype),
        };
    }

    private static (byte[], long[]) ComplexVariable(VariableLengthColumn<Complex> v, bool single) => (ComplexBytes(v.Values, single), v.Offsets);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
