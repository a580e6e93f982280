using System;
using System.IO;
using CfitsioNet.Tests.Support;
using CfitsioNet.Validation;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// Open skips the header scan only for contents that already passed it: same path, same identity (device, inode, size,
/// modification and change times), changed well before the scan. Anything else is scanned again.
/// </summary>
public sealed class OpenValidationCacheTests
{
    [Test]
    public void A_changed_identity_is_scanned_again_and_a_refused_file_is_never_remembered()
    {
        string path = TestRun.Files.File("scan-cache.fits");
        byte[] good = new TestFitsWriter().Primary(16, [10, 10], new byte[200]).ToArray();
        File.WriteAllBytes(path, good);
        long settled = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        var passed = new FileIdentity(1, 42, (ulong)good.Length, settled, 0, settled, 0);
        HeaderScan.Check(path, passed);

        // Same size, contents CFITSIO must not see (NAXIS1 * NAXIS2 overflows): refused by a scan.
        byte[] bad = (byte[])good.Clone();
        WriteCard(bad, 3, "NAXIS1  =  9223372036854775807");
        File.WriteAllBytes(path, bad);

        Assert.DoesNotThrow(() => HeaderScan.Check(path, passed), "the identity that passed is remembered");
        var changed = passed with { ChangedNanoseconds = 1 };
        Assert.Throws<FitsException>(() => HeaderScan.Check(path, changed), "another change time: scanned");
        Assert.Throws<FitsException>(() => HeaderScan.Check(path, changed), "a refused file is not remembered");
        Assert.Throws<FitsException>(() => HeaderScan.Check(path, FileIdentity.Unknown), "no identity: always scanned");
        Assert.Throws<FitsException>(() => FitsFile.Open(path), "Open takes the identity from the file");
    }

    [Test]
    public void Contents_changed_just_before_the_scan_are_not_remembered()
    {
        string path = TestRun.Files.File("scan-cache-fresh.fits");
        byte[] good = new TestFitsWriter().Primary(16, [10, 10], new byte[200]).ToArray();
        File.WriteAllBytes(path, good);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var fresh = new FileIdentity(1, 43, (ulong)good.Length, now, 0, now, 0);
        HeaderScan.Check(path, fresh);

        byte[] bad = (byte[])good.Clone();
        WriteCard(bad, 3, "NAXIS1  =  9223372036854775807");
        File.WriteAllBytes(path, bad);
        Assert.Throws<FitsException>(() => HeaderScan.Check(path, fresh), "a file time from the same clock tick proves nothing");
    }

    [Test]
    public void The_identity_follows_the_file()
    {
        string path = TestRun.Files.File("identity.fits");
        File.WriteAllBytes(path, new byte[2880]);
        Assert.That(FileKinds.Of(path, out FileIdentity first), Is.EqualTo(FileKind.Regular));
        if (!first.IsKnown)
        {
            Assert.Ignore("No statx here: the identity is unknown and every open scans.");
        }

        Assert.That(first.Size, Is.EqualTo(2880UL));
        File.WriteAllBytes(path, new byte[5760]);
        FileKinds.Of(path, out FileIdentity second);
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(second.Size, Is.EqualTo(5760UL));

        string replacement = TestRun.Files.File("identity-new.fits");
        File.WriteAllBytes(replacement, new byte[5760]);
        File.Move(replacement, path, overwrite: true);
        FileKinds.Of(path, out FileIdentity third);
        Assert.That(third.Inode, Is.Not.EqualTo(second.Inode), "a replaced file is another inode");
        Assert.That(FileKinds.Of(TestRun.Files.File("no-such-file.fits"), out FileIdentity missing), Is.EqualTo(FileKind.Missing));
        Assert.That(missing.IsKnown, Is.False);
        Assert.That(FileKinds.Of(TestRun.Files.Path, out _), Is.EqualTo(FileKind.Directory));
    }

    private static void WriteCard(byte[] file, int index, string card) =>
        System.Text.Encoding.ASCII.GetBytes(card.PadRight(80)).CopyTo(file, index * 80);
}
