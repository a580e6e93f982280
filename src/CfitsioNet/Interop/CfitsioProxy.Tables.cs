using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Tables.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.CreateTable"/> (<c>ffcrtb</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void CreateTable(FitsHandle file, int tableType, long rows, int columns, byte** names, byte** formats, byte** units, byte* extensionName, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.CreateTable(file, tableType, rows, columns, names, formats, units, extensionName, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetColumnCount"/> (<c>ffgncl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetColumnCount(FitsHandle file, out int columns, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetColumnCount(file, out columns, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetColumnNumber"/> (<c>ffgcno</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetColumnNumber(FitsHandle file, int caseSensitive, string template, out int column, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetColumnNumber(file, caseSensitive, template, out column, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetBinaryColumn"/> (<c>ffgbclll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetBinaryColumn(FitsHandle file, int column, byte* name, byte* unit, byte* type, out long repeat, out double scale, out double zero, out long nullValue, byte* display, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetBinaryColumn(file, column, name, unit, type, out repeat, out scale, out zero, out nullValue, display, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetAsciiColumn"/> (<c>ffgacl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetAsciiColumn(FitsHandle file, int column, byte* name, out CLong startColumn, byte* unit, byte* format, out double scale, out double zero, byte* nullString, byte* display, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetAsciiColumn(file, column, name, out startColumn, unit, format, out scale, out zero, nullString, display, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetColumnScaling"/> (<c>fftscl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetColumnScaling(FitsHandle file, int column, double scale, double zero, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetColumnScaling(file, column, scale, zero, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetRowCount"/> (<c>ffgnrwll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetRowCount(FitsHandle file, out long rows, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetRowCount(file, out rows, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GetOptimalRows"/> (<c>ffgrsz</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GetOptimalRows(FitsHandle file, out CLong rows, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GetOptimalRows(file, out rows, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadColumn"/> (<c>ffgcv</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadColumn(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count, void* nullValue, void* destination, out int anyNull, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadColumn(file, dataType, column, firstRow, firstElement, count, nullValue, destination, out anyNull, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadColumnWithNulls"/> (<c>ffgcf</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadColumnWithNulls(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count, void* destination, byte* nullFlags, out int anyNull, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadColumnWithNulls(file, dataType, column, firstRow, firstElement, count, destination, nullFlags, out anyNull, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadDescriptors"/> (<c>ffgdessll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadDescriptors(FitsHandle file, int column, long firstRow, long rows, long* lengths, long* heapOffsets, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadDescriptors(file, column, firstRow, rows, lengths, heapOffsets, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.ReadTableBytes"/> (<c>ffgtbb</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void ReadTableBytes(FitsHandle file, long firstRow, long firstByte, long count, byte* destination, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.ReadTableBytes(file, firstRow, firstByte, count, destination, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.FindRows"/> (<c>fffrow</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void FindRows(FitsHandle file, string expression, CLong firstRow, CLong rows, out CLong matching, byte* flags, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.FindRows(file, expression, firstRow, rows, out matching, flags, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteColumn"/> (<c>ffpcl</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteColumn(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count, void* values, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteColumn(file, dataType, column, firstRow, firstElement, count, values, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteColumnDoublesWithNull"/> (<c>ffpcnd</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteColumnDoublesWithNull(FitsHandle file, int column, long firstRow, long firstElement, long count, double* values, double nullValue, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteColumnDoublesWithNull(file, column, firstRow, firstElement, count, values, nullValue, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteColumnStrings"/> (<c>ffpcls</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteColumnStrings(FitsHandle file, int column, long firstRow, long firstElement, long count, byte** values, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteColumnStrings(file, column, firstRow, firstElement, count, values, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteColumnBits"/> (<c>ffpclx</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteColumnBits(FitsHandle file, int column, long row, CLong firstBit, CLong bitCount, byte* bits, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteColumnBits(file, column, row, firstBit, bitCount, bits, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteTableBytes"/> (<c>ffptbb</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteTableBytes(FitsHandle file, long firstRow, long firstByte, long count, byte* values, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteTableBytes(file, firstRow, firstByte, count, values, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteTdim"/> (<c>ffptdmll</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteTdim(FitsHandle file, int column, int axisCount, long* axes, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteTdim(file, column, axisCount, axes, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.InsertColumn"/> (<c>fficol</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void InsertColumn(FitsHandle file, int column, string type, string form, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.InsertColumn(file, column, type, form, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <c>ffgcno</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>, typically <see cref="Cfitsio.ColumnNotFound"/>.</summary>
    internal static bool TryGetColumnNumber(FitsHandle file, int caseSensitive, string template, out int column, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.GetColumnNumber(file, caseSensitive, template, out column, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>fftscl</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TrySetColumnScaling(FitsHandle file, int column, double scale, double zero, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.SetColumnScaling(file, column, scale, zero, ref status);
        return EndTry(status, expected, operation, at);
    }
}
