using System;
using System.Numerics;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>
/// What a table HDU holds, read once: the row count and the columns, with the values CFITSIO applies when it reads
/// (TSCALn, TZEROn, TNULLn from <c>ffgbclll</c>/<c>ffgacl</c>, so scaling and nulls are exactly CFITSIO's) and the row
/// layout from TFORMn/TDIMn/TBCOLn (<see cref="TableLayout"/>, which refuses what CFITSIO refuses).
/// </summary>
internal sealed class TableSchema
{
    private const int TextLength = 72; // FLEN_VALUE (71) + 1

    private TableSchema(long rowCount, TableLayout layout, TableColumnCollection columns, PixelType?[] naturalPixels, bool[] agrees, long dataStart)
    {
        RowCount = rowCount;
        Layout = layout;
        Columns = columns;
        NaturalPixels = naturalPixels;
        CfitsioAgrees = agrees;
        DataStart = dataStart;
    }

    /// <summary>
    /// Per column (0-based): CFITSIO's own parse (<c>ffgbclll</c>: type letter and repeat) is the layout's. The direct
    /// path serves only such columns (CFITSIO reads <c>"JUNK"</c> as <c>J</c>; our parser refuses it, or may read
    /// another width).
    /// </summary>
    internal bool[] CfitsioAgrees { get; }

    /// <summary>Byte offset of the data unit in the file (<c>ffghadll</c>).</summary>
    internal long DataStart { get; }

    internal long RowCount { get; }

    internal TableLayout Layout { get; }

    internal TableColumnCollection Columns { get; }

    /// <summary>Per column (0-based), the natural type of a numeric column as a <see cref="PixelType"/>; null for L, X, A, C, M.</summary>
    internal PixelType?[] NaturalPixels { get; }

    /// <summary>Reads the schema of table HDU <paramref name="hdu"/>. Call under the file's lock.</summary>
    internal static unsafe TableSchema Read(Hdu hdu)
    {
        FitsFile file = hdu.File;
        Header header = hdu.Header;
        FitsHandle handle = file.EnterHdu(hdu.Index);
        CfitsioProxy.GetRowCount(handle, out long rows, "read the table's size", hdu.At);
        CfitsioProxy.GetColumnCount(handle, out int count, "read the table's size", hdu.At);

        bool ascii = hdu.Kind == HduKind.AsciiTable;
        long rowWidth = header.TryGet("NAXIS1", out long naxis1) ? naxis1 : 0;
        var tforms = new string[count];
        for (int i = 0; i < count; i++)
        {
            tforms[i] = header.GetStringOrNull($"TFORM{i + 1}") ?? string.Empty;
        }

        TableLayout layout;
        if (ascii)
        {
            var tbcols = new long[count];
            for (int i = 0; i < count; i++)
            {
                tbcols[i] = header.TryGet($"TBCOL{i + 1}", out long tbcol) ? tbcol : 0;
            }

            layout = TableLayout.CreateAscii(tforms, tbcols, rowWidth, file.FileName, hdu.Index);
        }
        else
        {
            var tdims = new string?[count];
            for (int i = 0; i < count; i++)
            {
                tdims[i] = header.GetStringOrNull($"TDIM{i + 1}");
            }

            layout = TableLayout.CreateBinary(tforms, tdims, rowWidth, file.FileName, hdu.Index);
        }

        var columns = new TableColumn[count];
        var pixels = new PixelType?[count];
        var agrees = new bool[count];
        byte* name = stackalloc byte[TextLength];
        byte* unit = stackalloc byte[TextLength];
        byte* text = stackalloc byte[TextLength];
        byte* display = stackalloc byte[TextLength];
        for (int i = 0; i < count; i++)
        {
            name[0] = unit[0] = text[0] = display[0] = 0;
            ColumnLayout column = layout.Columns[i];
            double scale, zero;
            long? nullValue = null;
            string? nullString = null;
            if (ascii)
            {
                CfitsioProxy.GetAsciiColumn(handle, i + 1, name, out _, unit, text, out scale, out zero, text, display, $"read the keywords of column {i + 1}", hdu.At);
                nullString = Text(text);
            }
            else
            {
                CfitsioProxy.GetBinaryColumn(handle, i + 1, name, unit, text, out long cfitsioRepeat, out scale, out zero, out long tnull, display, $"read the keywords of column {i + 1}", hdu.At);
                nullValue = tnull == Cfitsio.NullUndefined || !HasIntegerNull(column.Binary.Type) ? null : tnull;
                string letters = Text(text) ?? "";
                agrees[i] = !column.Binary.IsVariableLength && letters.Length == 1 && letters[0] == (char)column.Binary.Type
                            && cfitsioRepeat == column.Binary.Repeat;
            }

            (ColumnType type, Type natural, PixelType? pixel) = NaturalType(column, ascii, scale, zero);
            long repeat = ascii ? 1 : column.Binary.IsVariableLength ? column.Binary.MaxLength ?? 0 : column.Binary.Repeat;
            if (ascii && type == ColumnType.String)
            {
                repeat = column.Ascii.Width;
            }

            pixels[i] = pixel;
            columns[i] = new TableColumn(column, ascii, Text(name), tforms[i].Trim(), Text(unit), scale, zero, nullValue, nullString,
                                         Text(display), type, repeat, natural);
        }

        CfitsioProxy.GetHduOffsets(handle, out _, out long dataStart, out _, "locate the table's data", hdu.At);
        return new TableSchema(rows, layout, new TableColumnCollection(columns), pixels, agrees, dataStart);
    }

    private static bool HasIntegerNull(BinaryElementType type) =>
        type is BinaryElementType.Byte or BinaryElementType.Int16 or BinaryElementType.Int32 or BinaryElementType.Int64;

    private static unsafe string? Text(byte* value)
    {
        string? text = Marshal.PtrToStringUTF8((IntPtr)value)?.TrimEnd();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The stored kind, the natural .NET type and (for numbers) the natural pixel type of a column: integer columns follow
    /// the image rules of <see cref="PixelConversion.Natural"/> (TZERO conventions give the unsigned types, other integer
    /// scaling the smallest type that holds the range, fractional scaling float or double, a scaled E column double); ASCII I fields are
    /// 16-bit up to 4 digits, 32-bit up to 9, else 64-bit; ASCII F, E and D fields are double (their text can hold more
    /// than a float; astropy reads them as float64 too).
    /// </summary>
    internal static (ColumnType Type, Type Natural, PixelType? Pixel) NaturalType(ColumnLayout column, bool ascii, double scale, double zero)
    {
        if (ascii)
        {
            AsciiColumnFormat format = column.Ascii;
            bool scaled = scale != 1.0 || zero != 0.0;
            switch (format.Type)
            {
                case AsciiElementType.Character:
                    return (ColumnType.String, typeof(string), null);
                case AsciiElementType.Integer:
                    ColumnType stored = format.Width <= 4 ? ColumnType.Int16 : format.Width <= 9 ? ColumnType.Int32 : ColumnType.Int64;
                    PixelType pixel = scaled ? PixelType.Double : stored switch
                    {
                        ColumnType.Int16 => PixelType.Int16,
                        ColumnType.Int32 => PixelType.Int32,
                        _ => PixelType.Int64,
                    };
                    return (stored, PixelTypes.ClrType(pixel), pixel);
                default:
                    ColumnType real = format.Type == AsciiElementType.Exponential && format.Decimals <= 6 ? ColumnType.Single : ColumnType.Double;
                    return (real, typeof(double), PixelType.Double);
            }
        }

        BinaryElementType element = column.Binary.Type;
        switch (element)
        {
            case BinaryElementType.Logical: return (ColumnType.Logical, typeof(bool), null);
            case BinaryElementType.Bit: return (ColumnType.Bit, typeof(bool), null);
            case BinaryElementType.Character: return (ColumnType.String, typeof(string), null);
            case BinaryElementType.ComplexSingle: return (ColumnType.ComplexSingle, typeof(Complex), null);
            case BinaryElementType.ComplexDouble: return (ColumnType.ComplexDouble, typeof(Complex), null);
        }

        (ColumnType type, int bitpix) = element switch
        {
            BinaryElementType.Byte => (ColumnType.Byte, 8),
            BinaryElementType.Int16 => (ColumnType.Int16, 16),
            BinaryElementType.Int32 => (ColumnType.Int32, 32),
            BinaryElementType.Int64 => (ColumnType.Int64, 64),
            BinaryElementType.Single => (ColumnType.Single, -32),
            _ => (ColumnType.Double, -64),
        };
        // A scaled E column is computed in double by CFITSIO (then rounded to float for float reads): double keeps it.
        PixelType natural = bitpix == -32 && (scale != 1.0 || zero != 0.0)
            ? PixelType.Double
            : PixelConversion.Natural(bitpix, zero, scale) ?? PixelType.Double;
        return (type, PixelTypes.ClrType(natural), natural);
    }
}
