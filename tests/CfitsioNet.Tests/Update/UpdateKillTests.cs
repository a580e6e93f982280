using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Update;

/// <summary>
/// A child process (the fuzz tool's <c>edit-loop</c>) edits a file in update mode, in place and through renamed copies,
/// and is killed at random moments, many times: each time the file must be a whole FITS file, the old or the new one:
/// its pixels untouched, its header readable by CFITSIO with every card whole, and every kept state clean for fitsverify.
/// One call is one atomic edit; the calls of one session are not a transaction (docs/writing.md).
/// </summary>
[NonParallelizable]
public sealed class UpdateKillTests
{
    [Test]
    public void A_process_killed_mid_edit_leaves_the_old_or_the_new_file()
    {
        using var folder = new TempDirectory();
        string path = folder.File("edited.fits");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "golden", "int16_2d.fits"), path);
        short[] pixels;
        int originalHistory;
        using (FitsFile original = FitsFile.Open(path))
        {
            pixels = original.Primary.Read<short>();
            originalHistory = original.Primary.Header.Cards.Count(c => c.Keyword == "HISTORY");
        }

        var random = new Random(14);
        var kept = new List<string>();
        const int kills = 25;
        for (int kill = 0; kill < kills; kill++)
        {
            using Process child = FuzzTool.Start(["edit-loop", path]);
            string? first = FuzzTool.ReadLineWithin(child, TimeSpan.FromSeconds(60));
            Assert.That(first, Does.StartWith("cycle"), "the child runs");
            System.Threading.Thread.Sleep(random.Next(0, 120));
            child.Kill();
            child.WaitForExit();

            // Leftover temporary copies are allowed; the file itself must be whole.
            using (FitsFile fits = FitsFile.Open(path))
            {
                Assert.That(fits.HduCount, Is.EqualTo(1), $"kill {kill}");
                Assert.That(fits.Primary.Read<short>(), Is.EqualTo(pixels), $"kill {kill}");
                // Each call is one atomic edit (several calls are not a transaction): the 60 HISTORY cards of a cycle
                // may be there in part (and a later child adds more), but every card whole, and COUNTER a whole number.
                HeaderCard[] history = fits.Primary.Header.Cards.Where(c => c.Keyword == "HISTORY").ToArray();
                Assert.That(history.Skip(originalHistory).Select(c => c.Record.TrimEnd()), Has.All.Match(@"^HISTORY edit-loop cycle \d+ card \d+$"), $"kill {kill}");
                if (fits.Primary.Header.Contains("COUNTER"))
                {
                    Assert.That(fits.Primary.Header.Cards.Single(c => c.Keyword == "COUNTER").Record, Does.Match(@"^COUNTER = +\d+ / edit-loop cycle *$"), $"kill {kill}");
                }
            }

            string snapshot = $"kill{kill}.fits";
            File.Copy(path, folder.File(snapshot));
            kept.Add(snapshot);
        }

        if (WritingTools.HasFitsverify)
        {
            Dictionary<string, FitsverifyResult> results = WritingTools.RunFitsverify(folder.Path, kept);
            Assert.That(kept.Where(k => !results[k].Clean), Is.Empty, string.Join("\n", results.Values.Select(r => r.Line)));
        }
    }
}
