using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Interop;

/// <summary>
/// The probes the read paths use (<c>Try…</c> calls that expect any status): an absent keyword is told apart from an
/// unreadable one, a run of records reads under one mark, and neither leaves a message behind.
/// </summary>
[NonParallelizable] // reads CFITSIO's process-wide message stack
public sealed unsafe class ProbeCallTests
{
    private static string FilePath =>
        ImageCases.All.Single(c => c.Name == "bitpix16_3x5x7").PathIn(TestRun.Files.Path);

    [Test]
    public void A_keyword_probe_tells_an_absent_keyword_from_an_unreadable_one()
    {
        using var directory = new TempDirectory("probe");
        string header = string.Concat(new[] { "SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", "WORDS   = 'not a number'", "END" }
            .Select(card => card.PadRight(80)));
        string path = directory.Write("probe.fits", Encoding.ASCII.GetBytes(header.PadRight(2880)));
        using FitsHandle handle = Open(path, out CallContext at);

        bool absent = CfitsioProxy.TryReadKeyLong(handle, "NOSUCHKY", out _, null, out bool missing, "probe", at);
        Assert.That((absent, missing), Is.EqualTo((false, true)));

        // There, but not an integer.
        bool unreadable = CfitsioProxy.TryReadKeyLong(handle, "WORDS", out _, null, out missing, "probe", at);
        Assert.That((unreadable, missing), Is.EqualTo((false, false)));

        Assert.That(CfitsioProxy.TryReadKeyLong(handle, "NAXIS", out long naxis, null, out missing, "probe", at), Is.True);
        Assert.That((naxis, missing), Is.EqualTo((0L, false)));

        byte* value = stackalloc byte[Cfitsio.ValueLength + 1];
        Assert.That(CfitsioProxy.TryReadKeyString(handle, "NOSUCHKY", value, null, out missing, "probe", at), Is.False);
        Assert.That(missing, Is.True);
        Assert.That(Drain(), Is.Empty);
    }

    [Test]
    public void A_run_of_records_reads_as_one_record_at_a_time_and_stops_at_the_end()
    {
        using FitsHandle handle = Open(FilePath, out CallContext at);
        CfitsioProxy.GetHeaderSpace(handle, out int records, out _, "size", at);
        byte* cards = stackalloc byte[(records + 2) * Cfitsio.CardLength];
        byte* one = stackalloc byte[Cfitsio.CardLength];

        Assert.That(CfitsioProxy.TryReadRecords(handle, 1, records, cards, Expected.Any, "scan", at), Is.True);
        for (int i = 0; i < records; i++)
        {
            CfitsioProxy.ReadRecord(handle, i + 1, one, "read", at);
            Assert.That(Text(cards + (i * Cfitsio.CardLength)), Is.EqualTo(Text(one)), $"record {i + 1}");
        }

        Assert.That(CfitsioProxy.TryReadRecords(handle, records, 3, cards, Cfitsio.KeyOutOfBounds, "scan", at), Is.False);
        Assert.That(Drain(), Is.Empty);
    }

    private static FitsHandle Open(string path, out CallContext at)
    {
        Cfitsio.ClearErrorMessages();
        FitsHandle handle = CfitsioHandles.OpenDisk(path, out int status);
        Assert.That(status, Is.Zero, "ffdkopn");
        at = new CallContext(path, 0);
        return handle;
    }

    private static string Text(byte* card)
    {
        var text = new ReadOnlySpan<byte>(card, Cfitsio.CardLength);
        int end = text.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? text : text[..end]);
    }

    private static IReadOnlyList<string> Drain()
    {
        lock (FitsStatus.ErrorStackLock)
        {
            return FitsStatus.DrainMessages();
        }
    }
}
