using System;
using System.Collections.Generic;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CfitsioNet.Bench.Native;
using CfitsioNet.Tables;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The tables group (issue 13): reading 3 and all 20 columns of the 1M-row test table by C CFITSIO
/// (<c>fits_read_col</c> in ffgrsz chunks and in one call per column), by the C floor (row blocks the size of L2,
/// gather + swap), by fitsio and astropy, and by the library's table kernel (<see cref="ColumnGather"/>) on the
/// same blocks. Every case writes into reused buffers, except the Python libraries, which return new arrays.
/// </summary>
/// <remarks>
/// The public API's rows (<c>api_*</c>) call <see cref="TableHdu.Read"/> as a user does: into a reused chunk (kept
/// handle), into new arrays, and with a fresh open per read; <see cref="Targets"/> hold the reused row against its
/// baselines in the targets phase (each .NET row alternated with its baseline).
/// </remarks>
internal static class TableCases
{
    /// <summary>The column sets every row is measured on: a label and the names (cbench's and pybench's --columns).</summary>
    internal static readonly (string Label, string Columns)[] ColumnSets = [("3 of 20", "RA,DEC,FLUX"), ("all 20", "all")];

    /// <summary>cbench's table cases: buffer, handle and what one iteration does.</summary>
    internal static readonly Dictionary<string, (string Buffer, string Handle, string Operation)> CCases = new()
    {
        ["table_read_col_chunks"] = ("reused", "kept", "fits_read_col of each column per chunk of ffgrsz rows (fits_get_rowsize) into reused buffers"),
        ["table_read_col_whole"] = ("reused", "kept", "one fits_read_col of all rows per column into reused buffers"),
        ["table_floor_pread"] = ("reused", "none", "C floor: pread of L2-sized row blocks into a reused block + gather + byte swap (scalar bswap loops)"),
        ["table_floor_mmap"] = ("reused", "none", "C floor: file mapped once; gather + byte swap of L2-sized row blocks from the map"),
        ["table_floor_gather"] = ("reused", "none", "C gather + byte swap alone, from a resident copy of the rows (no I/O)"),
    };

    /// <summary>pybench's table rows: library, case, buffer, handle, operation.</summary>
    internal static readonly (string Lib, string Case, string Buffer, string Handle, string Operation)[] PyCases =
    [
        ("fitsio", "table_read_columns", "fresh", "kept", "FITS kept open; hdu.read(columns=[...]) then each column to native byte order"),
        ("astropy", "table_read_columns", "fresh", "kept", "fits.open(memmap=True) kept open; data.field(name) of each column to native byte order"),
    ];

    /// <summary>Issue 13's table targets, named exactly as the issue names them (measured from phase 2 on).</summary>
    internal static readonly TableTarget[] Targets =
    [
        new("1M-row table, 3 of 20 columns, reused buffers", "3 of 20", "C table_read_col_chunks", 0.30),
        new("1M-row table, all 20 columns, reused buffers", "all 20", "C table_read_col_chunks", 0.40),
        new("1M-row table, 3 of 20 columns vs fitsio", "3 of 20", "fitsio table_read_columns", 0.20),
    ];

    /// <summary>The .NET case every table target measures.</summary>
    internal const string TargetCase = "api_read_reused";

    /// <summary>The case every table row is compared with: C fits_read_col in ffgrsz chunks.</summary>
    internal const string BaselineCase = "table_read_col_chunks";

    /// <summary>The floor each table row's note reports a ratio to.</summary>
    internal const string FloorCase = "table_floor_pread";

    /// <summary>Where the kernel's row blocks come from.</summary>
    internal enum Source
    {
        /// <summary>RandomAccess.Read (pread) of each block into one reused block buffer.</summary>
        Pread,

        /// <summary>The file mapped once, blocks read from the map.</summary>
        Mapped,

        /// <summary>The file mapped once, each block copied from the map into one reused block buffer first.</summary>
        MappedCopy,

        /// <summary>A resident copy of the table's rows (no I/O): the kernel alone.</summary>
        Resident,
    }

    /// <summary>
    /// The library's kernel on the C floor's blocks (building blocks, not the public API): by pread, from a kept map,
    /// and from resident rows with the vector paths and scalar only.
    /// </summary>
    internal static List<DotNetCase> DotNet(TestTable table, string columns)
    {
        string[] names = columns == "all" ? [.. table.Names] : columns.Split(',');
        DotNetCase Case(string name, string operation, Source source, GatherMode mode) => new()
        {
            Name = name, Buffer = "reused", Handle = "none",
            Operation = "building block, not the public API: " + operation,
            Prepare = () => Prepare(table, names, source, mode),
        };
        return
        [
            Api("api_read_reused", "reused", "kept", "table.Read(columns, reuse: chunk): the public API, one pass over the rows into the chunk's arrays", table, names, reuse: true, reopen: false),
            Api("api_read_fresh", "fresh", "kept", "table.Read(columns): the public API into new arrays (pinned heap)", table, names, reuse: false, reopen: false),
            Api("api_read_reopen", "fresh", "reopened", "FitsFile.Open + fits[1].AsTable().Read(columns) + dispose: what a script does once", table, names, reuse: false, reopen: true),
            Case("kernel_pread_reused", "RandomAccess.Read of L2-sized row blocks into a reused block + ColumnGather.GatherBlock (CacheResident)", Source.Pread, GatherMode.CacheResident),
            Case("kernel_mmap_reused", "file mapped once; ColumnGather.GatherBlock (Streaming) of L2-sized row blocks from the map", Source.Mapped, GatherMode.Streaming),
            Case("kernel_mmap_copy_reused", "file mapped once; each L2-sized block copied into a reused block, then GatherBlock (CacheResident)", Source.MappedCopy, GatherMode.CacheResident),
            Case("kernel_resident_reused", "ColumnGather.GatherBlock (Streaming) alone, on L2-sized blocks of a resident copy of the rows (no I/O)", Source.Resident, GatherMode.Streaming),
            Case("kernel_resident_avx2_gathers", "as kernel_resident_reused with AVX2 gathers on rows not in cache (CacheResident mode)", Source.Resident, GatherMode.CacheResident),
            Case("kernel_resident_scalar", "as kernel_resident_reused with the scalar loops only (ScalarOnly)", Source.Resident, GatherMode.ScalarOnly),
        ];
    }

    /// <summary>A public-API case: <see cref="TableHdu.Read"/> of the column set, checked against CFITSIO's fits_read_col.</summary>
    private static DotNetCase Api(string name, string buffer, string handle, string operation, TestTable table, string[] names, bool reuse, bool reopen) => new()
    {
        Name = name, Buffer = buffer, Handle = handle, Operation = operation,
        Prepare = () =>
        {
            FitsFile? kept = reopen ? null : FitsFile.Open(table.Path);
            TableChunk? chunk = null;
            TableChunk ReadOnce()
            {
                if (kept is not null)
                {
                    chunk = kept[table.Hdu].AsTable().Read(names, reuse: reuse ? chunk : null);
                    return chunk;
                }

                using FitsFile fits = FitsFile.Open(table.Path);
                return fits[table.Hdu].AsTable().Read(names);
            }

            void Verify()
            {
                TableChunk read = ReadOnce();
                foreach (string column in names)
                {
                    ColumnLayout layout = table.Layout.Columns[table.Names.ToList().IndexOf(column)];
                    (int type, int size) = layout.Binary.Type switch
                    {
                        BinaryElementType.Double => (CfitsioColumns.TDouble, 8),
                        BinaryElementType.Single => (CfitsioColumns.TFloat, 4),
                        BinaryElementType.Int32 => (CfitsioColumns.TInt, 4),
                        _ => (CfitsioColumns.TLongLong, 8),
                    };
                    byte[] reference = CfitsioColumns.ReadColumn(table.Path, table.Hdu, layout.Number, type, table.Rows, size);
                    byte[] got = read.GetValues(column) switch
                    {
                        double[] d => MemoryMarshal.AsBytes(d.AsSpan()).ToArray(),
                        float[] f => MemoryMarshal.AsBytes(f.AsSpan()).ToArray(),
                        int[] i => MemoryMarshal.AsBytes(i.AsSpan()).ToArray(),
                        long[] l => MemoryMarshal.AsBytes(l.AsSpan()).ToArray(),
                        var other => throw new InvalidOperationException($"column {column} read as {other.GetType().Name}"),
                    };
                    if (!reference.AsSpan().SequenceEqual(got))
                    {
                        throw new InvalidOperationException($"column {column} differs from CFITSIO's fits_read_col");
                    }
                }
            }

            return new PreparedCase(() => ReadOnce(), Verify, () => kept?.Dispose());
        },
    };

    /// <summary>Rows per block: the library direct path's block (the L2 cache's size from Linux sysfs, 1 MiB elsewhere) over the row width, as cbench's floor.</summary>
    internal static int BlockRows(long rowWidth) => (int)Math.Max(1, DirectTableReader.BlockBytes / rowWidth);

    internal static unsafe PreparedCase Prepare(TestTable table, string[] names, Source source, GatherMode mode)
    {
        int rowWidth = checked((int)table.Layout.RowWidth);
        int blockRows = BlockRows(rowWidth);
        long rows = table.Rows;
        ColumnLayout[] layouts = names.Select(n => table.Layout.Columns[table.Names.ToList().IndexOf(n)]).ToArray();
        GatherColumn[] columns = layouts.Select(c => GatherColumn.ForNaturalRead(c, 1.0, 0.0)
            ?? throw new NotAvailableException($"column {c.Number} is not a plain numeric column")).ToArray();
        byte[][] destinations = columns.Select(c => GC.AllocateArray<byte>(checked((int)(rows * c.CellBytes)), pinned: true)).ToArray();
        foreach (byte[] d in destinations)
        {
            Touch.Pages(d);
        }

        nint[] starts = destinations.Select(d => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(d))).ToArray();
        nint[] current = new nint[columns.Length];
        void GatherAt(byte* block, long first, int count)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                current[c] = starts[c] + (nint)(first * columns[c].CellBytes);
            }

            ColumnGather.GatherBlock(block, rowWidth, count, columns, current, mode);
        }

        Action run;
        Action cleanup;
        if (source != Source.Pread)
        {
            byte* data;
            if (source is Source.Mapped or Source.MappedCopy)
            {
                var map = MemoryMappedFile.CreateFromFile(table.Path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                MemoryMappedViewAccessor view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                byte* basePointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
                data = basePointer + view.PointerOffset + table.DataOffset;
                cleanup = () =>
                {
                    view.SafeMemoryMappedViewHandle.ReleasePointer();
                    view.Dispose();
                    map.Dispose();
                };
            }
            else
            {
                long bytes = rows * rowWidth;
                byte* copy = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
                using (SafeFileHandle file = File.OpenHandle(table.Path, FileMode.Open, FileAccess.Read))
                {
                    for (long done = 0; done < bytes;)
                    {
                        int got = RandomAccess.Read(file, new Span<byte>(copy + done, (int)Math.Min(1 << 30, bytes - done)), table.DataOffset + done);
                        done += got > 0 ? got : throw new EndOfStreamException($"{table.Path}: end of file inside the table");
                    }
                }

                data = copy;
                cleanup = () => NativeMemory.AlignedFree(copy);
            }

            if (source == Source.MappedCopy)
            {
                byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)(blockRows * rowWidth), 64);
                Action unmap = cleanup;
                cleanup = () =>
                {
                    NativeMemory.AlignedFree(block);
                    unmap();
                };
                run = () =>
                {
                    for (long first = 0; first < rows; first += blockRows)
                    {
                        int count = (int)Math.Min(blockRows, rows - first);
                        Buffer.MemoryCopy(data + (first * rowWidth), block, (long)blockRows * rowWidth, (long)count * rowWidth);
                        GatherAt(block, first, count);
                    }
                };
            }
            else
            {
                run = () =>
                {
                    for (long first = 0; first < rows; first += blockRows)
                    {
                        GatherAt(data + (first * rowWidth), first, (int)Math.Min(blockRows, rows - first));
                    }
                };
            }
        }
        else
        {
            SafeFileHandle file = File.OpenHandle(table.Path, FileMode.Open, FileAccess.Read);
            byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)(blockRows * rowWidth), 64);
            new Span<byte>(block, blockRows * rowWidth).Fill(Touch.Pattern);
            run = () =>
            {
                for (long first = 0; first < rows; first += blockRows)
                {
                    int count = (int)Math.Min(blockRows, rows - first);
                    var span = new Span<byte>(block, count * rowWidth);
                    long offset = table.DataOffset + (first * rowWidth);
                    for (int done = 0; done < span.Length;)
                    {
                        int got = RandomAccess.Read(file, span[done..], offset + done);
                        done += got > 0 ? got : throw new EndOfStreamException($"{table.Path}: end of file inside the table");
                    }

                    GatherAt(block, first, count);
                }
            };
            cleanup = () =>
            {
                NativeMemory.AlignedFree(block);
                file.Dispose();
            };
        }

        void Verify()
        {
            foreach (byte[] d in destinations)
            {
                Array.Clear(d);
            }

            run();
            for (int c = 0; c < columns.Length; c++)
            {
                ColumnLayout layout = layouts[c];
                int type = layout.Binary.Type switch
                {
                    BinaryElementType.Double => CfitsioColumns.TDouble,
                    BinaryElementType.Single => CfitsioColumns.TFloat,
                    BinaryElementType.Int32 => CfitsioColumns.TInt,
                    _ => CfitsioColumns.TLongLong,
                };
                byte[] reference = CfitsioColumns.ReadColumn(table.Path, table.Hdu, layout.Number, type, rows, layout.Binary.ElementSize);
                if (!reference.AsSpan().SequenceEqual(destinations[c]))
                {
                    throw new InvalidOperationException($"column {names[c]} differs from CFITSIO's fits_read_col");
                }
            }
        }

        return new PreparedCase(run, Verify, cleanup);
    }
}
