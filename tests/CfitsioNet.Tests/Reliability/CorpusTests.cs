using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Reliability;

/// <summary>
/// Every file the fuzzer once crashed, hung or surprised (tests/corpus/, with a .txt saying how it was found)
/// must now be refused with a FitsException, or read, through every read path, in this process. Each file is
/// read under a <see cref="Watchdog"/>: a file that hangs again fails its case instead of hanging the run.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "corpus");

    // Each file reads in milliseconds; a minute leaves room for a loaded machine and still ends a hang.
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(1);

    public static IEnumerable<TestCaseData> Files() =>
        Directory.Exists(s_corpus)
            ? Directory.GetFiles(s_corpus, "*.fits").Order(StringComparer.Ordinal).Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"Corpus {Path.GetFileName(f)}"))
            : [];

    [TestCaseSource(nameof(Files))]
    public void A_former_finding_is_refused_or_read_without_any_other_exception(string name)
    {
        string path = Path.Combine(s_corpus, name);
        FitsException? refused = null;
        Watchdog.Run(s_limit, $"reading {name}", () =>
        {
            try
            {
                ReadEverything(path);
            }
            catch (FitsException e)
            {
                refused = e;
            }
        });

        if (refused is not null)
        {
            Assert.That(refused.FileName, Is.EqualTo(path));
        }
    }

    [TestCaseSource(nameof(Files))]
    public void A_former_finding_read_from_memory_is_refused_or_read_without_any_other_exception(string name)
    {
        // The memory driver (ffomem) moves through HDUs differently from a file's deferred open: the crash of
        // crash-a96d3e821bc7 (CFITSIO fix 6) was only reachable this way.
        byte[] bytes = File.ReadAllBytes(Path.Combine(s_corpus, name));
        Watchdog.Run(s_limit, $"reading {name} from memory", () =>
        {
            try
            {
                using FitsFile fits = FitsFile.Open(new ReadOnlyMemory<byte>(bytes));
                ReadEverything(fits);
            }
            catch (FitsException)
            {
                // Refused: what a damaged file must give.
            }
        });
    }

    [Test]
    public void The_corpus_is_there()
    {
        Assert.That(Files().Count(), Is.GreaterThan(0), $"no corpus files next to the tests ({s_corpus})");
    }

    private static void ReadEverything(string path)
    {
        using FitsFile fits = FitsFile.Open(path);
        ReadEverything(fits);
    }

    private static void ReadEverything(FitsFile fits)
    {
        foreach (Hdu hdu in fits)
        {
            if (hdu is ImageHdu image && image.Info.ElementCount < (64 << 20))
            {
                ReadAll(image);
            }
            else if (hdu is TableHdu table && table.RowCount * Math.Max(1, table.RowWidth) < (64 << 20))
            {
                _ = table.Read(); // every column in its natural type, variable-length arrays included
            }
        }
    }

    private static void ReadAll(ImageHdu image)
    {
        switch (image.Info.PixelType)
        {
            case PixelType.Byte: image.Read<byte>(); break;
            case PixelType.SByte: image.Read<sbyte>(); break;
            case PixelType.Int16: image.Read<short>(); break;
            case PixelType.UInt16: image.Read<ushort>(); break;
            case PixelType.Int32: image.Read<int>(); break;
            case PixelType.UInt32: image.Read<uint>(); break;
            case PixelType.Int64: image.Read<long>(); break;
            case PixelType.UInt64: image.Read<ulong>(); break;
            case PixelType.Single: image.Read<float>(); break;
            default: image.Read<double>(); break;
        }
    }
}
