using System;
using System.IO;
using System.Text;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class FitsExceptionTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public void Opening_a_text_file_reports_CFITSIOs_status_and_messages()
    {
        string path = _directory.File("notes.fits");
        File.WriteAllText(path, "This is a text file, not FITS.\n" + new string('x', 5000), Encoding.ASCII);

        var e = Assert.Throws<FitsException>(() => FitsFile.Open(path));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Status, Is.Not.Zero, "Status");
            Assert.That(e.StatusText, Is.Not.Empty, "StatusText");
            Assert.That(e.FileName, Is.EqualTo(path), "FileName");
            Assert.That(e.Operation, Is.EqualTo("open"), "Operation");
            Assert.That(e.HduIndex, Is.EqualTo(0), "HduIndex: the primary header is what failed");
            Assert.That(e.ErrorStack, Is.Not.Empty, "ErrorStack");
            Assert.That(e.ErrorStack, Has.All.Not.Empty, "no blank messages");
            Assert.That(e.Message, Does.Contain(path), "Message names the file");
            Assert.That(e.Message, Does.Contain(e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Message has the status");
            Assert.That(e, Is.InstanceOf<IOException>(), "a FitsException is an IOException");
        });
    }

    [Test]
    public void Opening_an_empty_file_throws_FitsException()
    {
        string path = _directory.File("empty.fits");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<FitsException>(() => FitsFile.Open(path));

        Assert.That(e!.Status, Is.Not.Zero);
        Assert.That(e.StatusText, Is.Not.Empty);
        Assert.That(e.FileName, Is.EqualTo(path));
        Assert.That(e.Operation, Is.EqualTo("open"));
    }

    [Test]
    public void Opening_a_header_without_END_throws_FitsException()
    {
        // A valid start, then the file stops in the middle of the header.
        string card = TestFitsWriter.Card("SIMPLE", true) + TestFitsWriter.Card("BITPIX", 16) + TestFitsWriter.Card("NAXIS", 0);
        string path = _directory.File("no-end.fits");
        File.WriteAllText(path, card, Encoding.ASCII);

        var e = Assert.Throws<FitsException>(() => FitsFile.Open(path));

        Assert.That(e!.Status, Is.Not.Zero);
        Assert.That(e.Operation, Is.EqualTo("open"));
    }

    [Test]
    public void Errors_do_not_leak_messages_into_the_next_error()
    {
        string text = _directory.File("text.fits");
        File.WriteAllText(text, new string('z', 3000), Encoding.ASCII);
        string empty = _directory.File("empty.fits");
        File.WriteAllBytes(empty, []);

        var first = Assert.Throws<FitsException>(() => FitsFile.Open(text));
        var second = Assert.Throws<FitsException>(() => FitsFile.Open(text));
        _ = Assert.Throws<FitsException>(() => FitsFile.Open(empty));
        var third = Assert.Throws<FitsException>(() => FitsFile.Open(text));

        Assert.That(second!.ErrorStack, Is.EqualTo(first!.ErrorStack), "the same failure gives the same stack");
        Assert.That(third!.ErrorStack, Is.EqualTo(first.ErrorStack), "an error in between leaves nothing behind");
    }

    [Test]
    public void Constructor_for_problems_found_by_CfitsioNet_has_status_zero()
    {
        var e = new FitsException("NAXIS = -1 is negative.", "x.fits", "read image parameters", 3);

        Assert.That(e.Status, Is.Zero);
        Assert.That(e.StatusText, Is.EqualTo("NAXIS = -1 is negative."));
        Assert.That(e.ErrorStack, Is.Empty);
        Assert.That(e.FileName, Is.EqualTo("x.fits"));
        Assert.That(e.Operation, Is.EqualTo("read image parameters"));
        Assert.That(e.HduIndex, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("x.fits").And.Contain("HDU 3").And.Contain("NAXIS = -1 is negative."));
    }

    [Test]
    public void Message_holds_every_part()
    {
        var e = new FitsException(108, "error reading from FITS file", ["first message", "second message"], "/data/m31.fits", "read pixels", 0);

        Assert.That(e.Message, Does.Contain("read pixels"));
        Assert.That(e.Message, Does.Contain("/data/m31.fits"));
        Assert.That(e.Message, Does.Contain("HDU 0"));
        Assert.That(e.Message, Does.Contain("108"));
        Assert.That(e.Message, Does.Contain("error reading from FITS file"));
        Assert.That(e.Message, Does.Contain("first message").And.Contain("second message"));
        Assert.That(e.Message.IndexOf("first message", StringComparison.Ordinal),
                    Is.LessThan(e.Message.IndexOf("second message", StringComparison.Ordinal)), "oldest first");
    }
}
