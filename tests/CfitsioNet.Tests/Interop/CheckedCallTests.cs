using System;
using System.Collections.Generic;
using System.Linq;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Interop;

/// <summary>
/// The checked-call layer (<see cref="CfitsioProxy"/>) on a real file opened by CFITSIO itself: a failing call's
/// exception carries CFITSIO's status, text and messages with the caller's operation, file and HDU; a <c>Try…</c>
/// call's expected status leaves CFITSIO's message stack exactly as it found it.
/// </summary>
[NonParallelizable] // reads CFITSIO's process-wide message stack
public sealed unsafe class CheckedCallTests
{
    private const string Missing = "NOSUCHKY";

    private static string FilePath =>
        ImageCases.All.Single(c => c.Name == "bitpix16_3x5x7").PathIn(TestRun.Files.Path);

    [Test]
    public void A_failing_call_throws_with_status_text_messages_file_and_hdu()
    {
        using FitsHandle handle = Open(out CallContext at);

        var e = Assert.Throws<FitsException>(
            () => CfitsioProxy.GetColumnNumber(handle, 0, Missing, out _, "look up column " + Missing, at))!;

        Assert.That(e.Status, Is.EqualTo(Cfitsio.ColumnNotFound));
        Assert.That(e.StatusText, Is.EqualTo(FitsStatus.StatusText(Cfitsio.ColumnNotFound)).And.Not.Empty);
        Assert.That(e.ErrorStack, Has.Some.Contains(Missing), "CFITSIO's own message names the column");
        Assert.That(e.FileName, Is.EqualTo(FilePath));
        Assert.That(e.HduIndex, Is.EqualTo(0));
        Assert.That(e.Operation, Is.EqualTo("look up column " + Missing));
        Assert.That(Drain(), Is.Empty, "the exception took CFITSIO's messages");
    }

    [Test]
    public void The_same_failure_through_the_raw_call_gives_the_same_messages()
    {
        using FitsHandle handle = Open(out CallContext at);
        IReadOnlyList<string> raw = RawMissingRecordMessages(handle);

        var e = Assert.Throws<FitsException>(
            () => CfitsioProxy.ReadRecord(handle, 999, Card(), "read", at))!;

        Assert.That(e.ErrorStack, Is.EqualTo(raw));
    }

    [Test]
    public void A_try_call_with_its_expected_status_answers_false_and_leaves_no_message()
    {
        using FitsHandle handle = Open(out CallContext at);

        bool found = CfitsioProxy.TryReadKeyDouble(handle, Missing, out _, null, Cfitsio.KeyNotFound, "read", at);

        Assert.That(found, Is.False);
        Assert.That(Drain(), Is.Empty);
    }

    [Test]
    public void A_try_call_keeps_the_messages_pushed_before_its_mark()
    {
        using FitsHandle handle = Open(out CallContext at);
        IReadOnlyList<string> earlier = RawMissingRecordMessages(handle);
        int status = 0;
        Cfitsio.ReadRecord(handle, 999, Card(), ref status); // pushed again, not drained

        Assert.That(CfitsioProxy.TryReadKeyLong(handle, "NOSUCH2", out _, null, Cfitsio.KeyNotFound, "read", at), Is.False);
        Assert.That(CfitsioProxy.TryGetColumnNumber(handle, 0, "X", out _, Cfitsio.ColumnNotFound, "look up", at), Is.False);
        Assert.That(CfitsioProxy.TryReadRecord(handle, 998, Card(), Cfitsio.KeyOutOfBounds, "read", at), Is.False);

        Assert.That(Drain(), Is.EqualTo(earlier));
    }

    [Test]
    public void A_try_call_that_succeeds_gives_the_value_CFITSIO_reads()
    {
        using FitsHandle handle = Open(out CallContext at);
        int status = 0;
        long* shape = stackalloc long[3];
        Cfitsio.GetImageParameters(handle, 3, out _, out int rank, shape, ref status);
        Assert.That(status, Is.Zero, "ffgipr");

        Assert.That(CfitsioProxy.TryReadKeyLong(handle, "NAXIS1", out long naxis1, null, Cfitsio.KeyNotFound, "read", at), Is.True);
        Assert.That(CfitsioProxy.TryReadKeyLong(handle, "NAXIS", out long naxis, null, Cfitsio.KeyNotFound, "read", at), Is.True);
        Assert.That((naxis, naxis1), Is.EqualTo(((long)rank, shape[0])));
        Assert.That(Drain(), Is.Empty);
    }

    [Test]
    public void A_try_call_with_an_unexpected_status_throws_with_its_messages()
    {
        using FitsHandle handle = Open(out CallContext at);

        var e = Assert.Throws<FitsException>(
            () => CfitsioProxy.TryGetColumnNumber(handle, 0, Missing, out _, Cfitsio.KeyNotFound, "read keyword", at))!;

        Assert.That(e.Status, Is.EqualTo(Cfitsio.ColumnNotFound));
        Assert.That(e.ErrorStack, Has.Some.Contains(Missing));
        Assert.That((e.FileName, e.HduIndex), Is.EqualTo((FilePath, (int?)0)));
        Assert.That(Drain(), Is.Empty, "the marker went with the messages");
    }

    [Test]
    public void A_probe_expects_any_status_and_a_missing_hdu_is_not_an_error()
    {
        using FitsHandle handle = Open(out CallContext at);

        Assert.That(CfitsioProxy.TryMoveToNamedHdu(handle, Cfitsio.AnyHdu, "NOSUCHHDU", 0, Cfitsio.BadHduNumber, "find", at), Is.False);
        Assert.That(CfitsioProxy.TryReadKeyDouble(handle, Missing, out _, null, Expected.Any, "probe", at), Is.False);
        Assert.That(CfitsioProxy.TryGetColumnNumber(handle, 0, Missing, out _, Expected.Any, "probe", at), Is.False);
        Assert.That(Drain(), Is.Empty);
        Assert.That(
            Assert.Throws<FitsException>(() => CfitsioProxy.TryGetColumnNumber(handle, 0, Missing, out _, Expected.None, "read", at))!.ErrorStack,
            Has.Some.Contains(Missing));
    }

    [Test]
    public void The_library_reports_a_checked_failure_with_its_file_and_hdu()
    {
        // Through the public API: a data read past a truncated file's end, reported by CFITSIO (status 107 or 108).
        using var directory = new TempDirectory("checked");
        byte[] bytes = System.IO.File.ReadAllBytes(FilePath);
        string truncated = directory.Write("truncated.fits", bytes[..(2880 + 100)]);
        using FitsFile fits = FitsFile.Open(truncated);

        var e = Assert.Throws<FitsException>(() => fits.Primary.ReadDataBytes(0, new byte[150]))!;

        Assert.That(e.Status, Is.EqualTo(Cfitsio.EndOfFile).Or.EqualTo(Cfitsio.ReadError));
        Assert.That(e.StatusText, Is.EqualTo(FitsStatus.StatusText(e.Status)));
        Assert.That((e.FileName, e.HduIndex, e.Operation), Is.EqualTo((truncated, (int?)0, "read data bytes")));
    }

    private static FitsHandle Open(out CallContext at)
    {
        Cfitsio.ClearErrorMessages();
        FitsHandle handle = CfitsioHandles.OpenDisk(FilePath, out int status);
        Assert.That(status, Is.Zero, "ffdkopn");
        at = new CallContext(FilePath, 0);
        return handle;
    }

    private static IReadOnlyList<string> RawMissingRecordMessages(FitsHandle handle)
    {
        int status = 0;
        Cfitsio.ReadRecord(handle, 999, Card(), ref status);
        Assert.That(status, Is.EqualTo(Cfitsio.KeyOutOfBounds));
        IReadOnlyList<string> messages = Drain();
        Assert.That(messages, Is.Not.Empty);
        return messages;
    }

    // One card buffer for the whole fixture (the tests do not run in parallel), freed with the process.
    private static readonly byte* CardBuffer = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(Cfitsio.CardLength);

    private static byte* Card() => CardBuffer;

    private static IReadOnlyList<string> Drain()
    {
        lock (FitsStatus.ErrorStackLock)
        {
            return FitsStatus.DrainMessages();
        }
    }
}
