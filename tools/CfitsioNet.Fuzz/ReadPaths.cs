using System;
using System.Collections.Generic;
using System.IO;

namespace CfitsioNet.Fuzz;

/// <summary>How one call on a hostile file ended.</summary>
internal enum Outcome
{
    /// <summary>Returned normally.</summary>
    Ok,

    /// <summary>Threw <see cref="FitsException"/>: the promised way to refuse a bad file.</summary>
    Fits,

    /// <summary>Threw an exception the public API documents for this call (e.g. NotSupportedException for images too large for an array).</summary>
    Documented,

    /// <summary>Skipped by the harness: the header claims more pixels than the worker's read budget (see <see cref="ReadPaths.ReadBudgetBytes"/>).</summary>
    Skipped,

    /// <summary>
    /// CFITSIO itself gives different pixels for the same damaged compressed image depending on how it is asked (its
    /// whole-image read against its reads of tile bands, which parallel decompression uses): recorded, not a library bug.
    /// </summary>
    CfitsioVaries,

    /// <summary>Any other exception: a bug.</summary>
    Bug,

    /// <summary>The worker process died (native crash, abort, stack overflow).</summary>
    Crash,

    /// <summary>The worker did not answer within the per-case timeout.</summary>
    Hang,
}

/// <summary>What happened to one case: the worst probe outcome, and every probe's outcome.</summary>
internal sealed class CaseReport
{
    internal Outcome Worst { get; private set; } = Outcome.Ok;

    internal string Detail { get; private set; } = "";

    internal List<(string Probe, Outcome Outcome, string Detail)> Probes { get; } = [];

    internal void Add(string probe, Outcome outcome, string detail)
    {
        Probes.Add((probe, outcome, detail));
        if (Rank(outcome) > Rank(Worst))
        {
            Worst = outcome;
            Detail = $"{probe}: {detail}";
        }
    }

    private static int Rank(Outcome outcome) => outcome switch
    {
        Outcome.Ok => 0,
        Outcome.Skipped => 1,
        Outcome.Fits => 2,
        Outcome.Documented or Outcome.CfitsioVaries => 3,
        _ => 4,
    };
}

/// <summary>
/// Every public read path of CfitsioNet, run on one file. Each call is a probe: its exception (if any) is
/// classified and the next probe still runs, so one refusal does not hide a later crash.
/// </summary>
internal static class ReadPaths
{
    /// <summary>
    /// Reads that would allocate more than this are skipped: a tile-compressed header may claim any size (the file
    /// size bounds only uncompressed images, which the library checks itself), and the harness must not page the machine.
    /// </summary>
    internal const long ReadBudgetBytes = 256L << 20;

    private const int MaxHdus = 24;

    internal static CaseReport Run(string path)
    {
        var report = new CaseReport();
        FitsFile? fits = null;
        Probe(report, "Open", () => fits = FitsFile.Open(path));
        if (fits is null)
        {
            return report;
        }

        using (fits)
        {
            int count = 0;
            Probe(report, "HduCount", () => count = fits.HduCount);
            Probe(report, "Enumerate", () =>
            {
                foreach (Hdu hdu in fits)
                {
                    _ = hdu.Kind;
                    _ = hdu.ToString();
                }
            });
            for (int i = 0; i < Math.Min(Math.Max(count, 1), MaxHdus); i++)
            {
                Hdu? hdu = null;
                int index = i;
                Probe(report, "Indexer", () => hdu = fits[index]);
                if (hdu is not null)
                {
                    HeaderAndChecksum(report, fits, hdu);
                }

                if (hdu is ImageHdu image)
                {
                    Image(report, image);
                }
                else if (hdu is TableHdu table)
                {
                    TableProbes.Run(report, table, Probe);
                }
            }

            Probe(report, "Primary", () => _ = fits.Primary.Info);
        }

        Probe(report, "FastPathIdentity", () => FastPathIdentity.Run(report, path));
        Probe(report, "TableIdentity", () => TableProbes.Differential(report, path));
        Probe(report, "MemoryIdentity", () => MemoryAndUpdate.MemoryIdentity(report, path));
        Probe(report, "UpdateEdit", () => MemoryAndUpdate.UpdateEdit(report, path));

        Probe(report, "UseAfterDispose", () =>
        {
            try
            {
                _ = fits.HduCount;
                throw new InvalidOperationException("HduCount worked after Dispose.");
            }
            catch (ObjectDisposedException)
            {
            }
        });
        return report;
    }

    private static void Image(CaseReport report, ImageHdu image)
    {
        ImageInfo? info = null;
        Probe(report, "Info", () =>
        {
            info = image.Info;
            _ = info.ToString();
            _ = info.ElementType;
            _ = info.GetShape();
        });
        if (info is null)
        {
            return;
        }

        // Small reads run whatever size the header claims: they touch only a few pixels (or tiles).
        Regions(report, image, info);

        long bytes = info.ElementCount * Math.Max(1, Math.Abs(info.Bitpix) / 8);
        if (bytes > ReadBudgetBytes)
        {
            // Still ask for the pixels into a caller buffer that is far too small: it must be refused cleanly.
            report.Add("Read(large)", Outcome.Skipped, $"{info.ElementCount} pixels claimed");
            Probe(report, "ReadSpan(small)", () => ReadNatural(image, info, Mode.SmallSpan));
            return;
        }

        foreach (Mode mode in Enum.GetValues<Mode>())
        {
            Probe(report, "Read" + mode, () => ReadNatural(image, info, mode));
        }

        // Conversions (ReadOptions): to double and float with AllowLossy, and the raw stored values.
        Probe(report, "ReadDoubleLossy", () => _ = image.Read<double>(ReadOptions.Lossy));
        Probe(report, "ReadFloatLossy", () => _ = image.Read<float>(ReadOptions.Lossy));
        Probe(report, "ReadRaw", () => _ = image.Read<double>(new ReadOptions { Raw = true, AllowLossy = true }));
    }

    /// <summary>ReadRegion (corners, with a step), ReadRows and ReadPlane where the image has the axes for them.</summary>
    private static void Regions(CaseReport report, ImageHdu image, ImageInfo info)
    {
        long[] shape = info.GetShape();
        if (shape.Length == 0 || info.ElementCount == 0)
        {
            return;
        }

        var start = new long[shape.Length];
        var end = new long[shape.Length];
        var step = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            end[i] = Math.Min(shape[i], 3);
            step[i] = 2;
        }

        Probe(report, "ReadRegion", () => _ = image.ReadRegion<double>(start, end, step, ReadOptions.Lossy));
        var farStart = new long[shape.Length];
        var farEnd = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            farStart[i] = Math.Max(0, shape[i] - 2);
            farEnd[i] = shape[i];
        }

        Probe(report, "ReadRegionFar", () => _ = image.ReadRegion<double>(farStart, farEnd, default, ReadOptions.Lossy));

        long rowPixels = shape[^1];
        if (rowPixels * 8 <= ReadBudgetBytes)
        {
            Probe(report, "ReadRows", () => _ = image.ReadRows<double>(shape.Length == 1 ? 0 : Math.Max(0, RowCount(shape) - 1), 1, ReadOptions.Lossy));
        }

        if (shape.Length >= 2 && shape[^1] * shape[^2] * 8 <= ReadBudgetBytes)
        {
            long planes = info.ElementCount / (shape[^1] * shape[^2]);
            Probe(report, "ReadPlane", () => _ = image.ReadPlane<double>(Math.Max(0, planes - 1), ReadOptions.Lossy));
        }
    }

    private static long RowCount(long[] shape)
    {
        long rows = 1;
        for (int i = 0; i < shape.Length - 1; i++)
        {
            rows *= shape[i];
        }

        return rows;
    }

    /// <summary>Header cards and typed values, lookup by name, and checksum verification on any HDU.</summary>
    private static void HeaderAndChecksum(CaseReport report, FitsFile fits, Hdu hdu)
    {
        Probe(report, "HeaderCards", () =>
        {
            Header header = hdu.Header;
            foreach (HeaderCard card in header.Cards)
            {
                _ = card.ToString();
                if (string.IsNullOrEmpty(card.Keyword))
                {
                    continue;
                }

                _ = header.TryGet(card.Keyword, out string? _);
                _ = header.TryGet(card.Keyword, out long _);
                _ = header.TryGet(card.Keyword, out double _);
                _ = header.TryGet(card.Keyword, out bool _);
            }
        });
        Probe(report, "HeaderGet", () =>
        {
            try
            {
                _ = hdu.Header.Get<long>("NAXIS");
                _ = hdu.Header.Get<double>("BITPIX");
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or FormatException or OverflowException)
            {
                // Documented answers of Header.Get for a missing, mistyped or malformed value.
            }
        });
        Probe(report, "VerifyChecksum", () => _ = hdu.VerifyChecksum());
        Probe(report, "LookupByName", () =>
        {
            string? name = hdu.Name;
            if (!string.IsNullOrWhiteSpace(name))
            {
                try
                {
                    _ = fits[name];
                }
                catch (KeyNotFoundException)
                {
                    // Documented (e.g. a name CFITSIO cannot match, such as one with odd characters).
                }

                _ = fits.TryGetHdu(name, out _);
            }

            if (fits.TryGetHdu("NO SUCH HDU NAME", out _))
            {
                throw new InvalidOperationException("TryGetHdu found an HDU that does not exist.");
            }
        });
    }

    private enum Mode
    {
        Array,
        Pinned,
        Span,
        Native,
        NativeInto,
        SmallSpan,
    }

    private static void ReadNatural(ImageHdu image, ImageInfo info, Mode mode)
    {
        switch (info.PixelType)
        {
            case PixelType.Byte: Read<byte>(image, info, mode); break;
            case PixelType.SByte: Read<sbyte>(image, info, mode); break;
            case PixelType.Int16: Read<short>(image, info, mode); break;
            case PixelType.UInt16: Read<ushort>(image, info, mode); break;
            case PixelType.Int32: Read<int>(image, info, mode); break;
            case PixelType.UInt32: Read<uint>(image, info, mode); break;
            case PixelType.Int64: Read<long>(image, info, mode); break;
            case PixelType.UInt64: Read<ulong>(image, info, mode); break;
            case PixelType.Single: Read<float>(image, info, mode); break;
            default: Read<double>(image, info, mode); break;
        }
    }

    private static void Read<T>(ImageHdu image, ImageInfo info, Mode mode)
        where T : unmanaged
    {
        switch (mode)
        {
            case Mode.Array:
                _ = image.Read<T>();
                break;
            case Mode.Pinned:
                _ = image.ReadPinned<T>();
                break;
            case Mode.Span:
                image.Read<T>(new T[info.ElementCount].AsSpan());
                break;
            case Mode.Native:
                using (NativeBuffer<T> buffer = image.ReadNative<T>())
                {
                    _ = buffer.Span.Length;
                }

                break;
            case Mode.NativeInto:
                using (var buffer = new NativeBuffer<T>(info.ElementCount))
                {
                    image.Read(buffer);
                }

                break;
            default:
                try
                {
                    image.Read<T>(new T[1].AsSpan(0, info.ElementCount == 1 ? 0 : 1));
                    throw new InvalidOperationException("A destination of the wrong length was accepted.");
                }
                catch (ArgumentException)
                {
                    // Expected: the documented answer to a destination of the wrong length.
                }

                break;
        }
    }

    /// <summary>Set by the worker: each probe's name goes to standard error first, so a crash report names the call that died.</summary>
    internal static System.IO.TextWriter? Trace { get; set; }

    private static void Probe(CaseReport report, string name, Action action)
    {
        Trace?.WriteLine("probe " + name);
        try
        {
            action();
            report.Add(name, Outcome.Ok, "");
        }
        catch (Exception e)
        {
            (Outcome outcome, string detail) = Classify(e);
            report.Add(name, outcome, detail);
        }
    }

    /// <summary>FitsException is the promised refusal; documented exceptions are listed; anything else is a bug.</summary>
    internal static (Outcome, string) Classify(Exception e) => e switch
    {
        FitsException f => (Outcome.Fits, $"FitsException status {f.Status}: {f.StatusText}"),
        NotSupportedException n when n.Message.Contains("more than an array", StringComparison.Ordinal) =>
            (Outcome.Documented, "NotSupportedException: image too large for an array"),
        _ => (Outcome.Bug, $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}"),
    };
}
