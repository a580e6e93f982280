using System.Collections.Generic;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Every golden generator (tests/golden/**/make_*.py) regenerates the committed files and expectations, both with
/// numpy's default CPU dispatch and with it narrowed to an AVX2-less machine's kernels: golden values are built from
/// integers and exact operations, so they must not depend on the CPU that runs the script.
/// </summary>
[TestFixture]
public sealed class GoldenScriptTests
{
    public static IEnumerable<TestCaseData> Scripts() =>
        from script in GoldenScript.All().OrderBy(s => s, System.StringComparer.Ordinal)
        from narrowed in new[] { false, true }
        select new TestCaseData(script, narrowed).SetArgDisplayNames(script, narrowed ? "narrowed dispatch" : "default dispatch");

    [TestCaseSource(nameof(Scripts))]
    public void Golden_script_reproduces_the_committed_files(string script, bool narrowed) =>
        GoldenScript.AssertReproduces(script, narrowed ? GoldenScript.NarrowedDispatch : null);

    [Test]
    public void Every_golden_folder_has_a_generator()
    {
        string root = Path.Combine(System.AppContext.BaseDirectory, "golden");
        string[] folders = Directory.EnumerateFiles(root, "*.fits*", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Distinct().Select(d => d!).ToArray();
        Assert.That(folders, Is.Not.Empty);
        foreach (string folder in folders)
        {
            // The folder's own generator, or that of an enclosing area folder (tables/cfitsio is made by
            // tables/make_tables.py); tests/golden's own make_golden.py covers only its own folder.
            string? owner = folder;
            while (owner is not null && owner != root && !Directory.EnumerateFiles(owner, "make_*.py").Any())
            {
                owner = Path.GetDirectoryName(owner);
            }

            bool covered = owner is not null && (owner != root || folder == root) && Directory.EnumerateFiles(owner, "make_*.py").Any();
            Assert.That(covered, Is.True, $"{Path.GetRelativePath(root, folder)} has FITS files but no make_*.py");
        }
    }
}
