using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Reliability;

/// <summary>FitsFile.Open takes a plain file name: nothing in it is interpreted, nothing but a regular file is opened.</summary>
public sealed class SafeFileNameTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [TestCase("a[1].fits")]
    [TestCase("x.fits(y)")]
    [TestCase("-")]
    [TestCase("!x.fits")]
    [TestCase("$HOME.fits")]
    [TestCase("a|b.fits")]
    [TestCase("~x.fits")]
    [TestCase("mem:x.fits")]
    [TestCase("x.fits[col X=Y][#row>1]")]
    [TestCase("stdin")]
    [TestCase(" leading space.fits")]
    [TestCase("trailing space.fits ")]
    [TestCase("名前 ünïcödé.fits")]
    public void A_name_with_special_characters_opens_the_file_of_that_literal_name(string name)
    {
        short[] pixels = PixelPattern.Create<short>(6, seed: (ulong)name.Length);
        string path = new TestFitsWriter().Primary(16, [3, 2], TestFitsWriter.BigEndian<short>(pixels)).Write(_directory.File(name));

        using FitsFile fits = FitsFile.Open(path);

        Assert.That(fits.FileName, Is.EqualTo(path));
        Assert.That(fits.Primary.Read<short>(), Is.EqualTo(pixels));
    }

    [Test]
    public void A_relative_name_that_looks_like_syntax_is_a_file_in_the_current_directory()
    {
        short[] pixels = [1, 2, 3];
        string cwd = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _directory.Path;
            new TestFitsWriter().Primary(16, [3], TestFitsWriter.BigEndian<short>(pixels)).Write(_directory.File("-"));
            using FitsFile fits = FitsFile.Open("-");
            Assert.That(fits.FileName, Is.EqualTo(_directory.File("-")));
            Assert.That(fits.Primary.Read<short>(), Is.EqualTo(pixels));
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }

    [TestCase("http")]
    [TestCase("https")]
    [TestCase("ftp")]
    [TestCase("root")]
    public void A_URL_is_a_missing_file_and_no_connection_is_attempted(string scheme)
    {
        // A listener on loopback sees any connection attempt; the same URL through OpenExtended is the control.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string url = $"{scheme}://127.0.0.1:{port}/x.fits";

            Assert.Throws<FileNotFoundException>(() => FitsFile.Open(url));

            Task<Socket> accept = listener.AcceptSocketAsync();
            Assert.That(accept.Wait(TimeSpan.FromMilliseconds(300)), Is.False, $"Open('{url}') connected to the listener");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public void The_listener_does_see_OpenExtended_connect_to_an_http_URL()
    {
        // Control for the test above: the same kind of URL through the extended-syntax door reaches the network.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Task<Socket> accept = listener.AcceptSocketAsync();
            Task open = Task.Run(() =>
            {
                try
                {
                    FitsFile.OpenExtended($"http://127.0.0.1:{port}/x.fits").Dispose();
                }
                catch (FitsException)
                {
                }
            });
            if (!accept.Wait(TimeSpan.FromSeconds(20)))
            {
                Assert.Ignore("This CFITSIO build has no network driver: OpenExtended did not connect either.");
            }

            // CFITSIO's http driver tries several names (x.fits, x.fits.gz, ...), each on a new connection: answer
            // every one at once with a 404, so the open fails in well under a second instead of waiting for timeouts.
            Socket? next = accept.Result;
            while (next is not null)
            {
                using (Socket socket = next)
                {
                    Answer404(socket);
                }

                Task<Socket> more = listener.AcceptSocketAsync();
                next = Task.WaitAny([more, open], TimeSpan.FromSeconds(30)) == 0 ? more.Result : null;
            }

            Assert.That(open.Wait(TimeSpan.FromSeconds(30)), Is.True, "OpenExtended did not give up after 404 answers");
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void Answer404(Socket socket)
    {
        // Read the request line and headers (up to the blank line, or what arrives within a second), then answer.
        socket.ReceiveTimeout = 1000;
        var request = new byte[4096];
        int received = 0;
        try
        {
            while (received < request.Length)
            {
                int n = socket.Receive(request, received, request.Length - received, SocketFlags.None);
                if (n <= 0)
                {
                    break;
                }

                received += n;
                if (System.Text.Encoding.ASCII.GetString(request, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
        }

        socket.Send("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        socket.Shutdown(SocketShutdown.Both);
    }

    [Test]
    public void A_directory_is_refused_with_a_FitsException_naming_it()
    {
        var e = Assert.Throws<FitsException>(() => FitsFile.Open(_directory.Path));
        Assert.That(e!.FileName, Is.EqualTo(_directory.Path));
        Assert.That(e.Message, Does.Contain("directory"));
    }

    [Test]
    public void A_named_pipe_is_refused_at_once_instead_of_blocking()
    {
        string fifo = _directory.File("pipe.fits");
        if (!OperatingSystem.IsLinux() || Process.Start("mkfifo", [fifo]) is not { } mkfifo || !mkfifo.WaitForExit(10_000) || mkfifo.ExitCode != 0)
        {
            Assert.Ignore("mkfifo is not available.");
            return;
        }

        // Opening a FIFO for reading blocks until a writer comes: run it where a block cannot hang the suite.
        Task<Exception?> open = Task.Run(() => Catch(() => FitsFile.Open(fifo)));
        Assert.That(open.Wait(TimeSpan.FromSeconds(20)), Is.True, "Open blocked on a FIFO");
        Assert.That(open.Result, Is.InstanceOf<FitsException>());
        Assert.That(open.Result!.Message, Does.Contain("named pipe"));
    }

    [TestCase("/dev/zero")]
    [TestCase("/dev/urandom")]
    [TestCase("/dev/null")]
    public void A_device_is_refused_at_once_instead_of_read_forever(string device)
    {
        if (!File.Exists(device))
        {
            Assert.Ignore($"{device} does not exist here.");
        }

        Task<Exception?> open = Task.Run(() => Catch(() => FitsFile.Open(device)));
        Assert.That(open.Wait(TimeSpan.FromSeconds(20)), Is.True, $"Open({device}) did not return");
        Assert.That(open.Result, Is.InstanceOf<FitsException>());
        Assert.That(open.Result!.Message, Does.Contain("not a regular file"));
    }

    [Test]
    public void A_path_longer_than_CFITSIO_accepts_is_refused_not_truncated_to_another_file()
    {
        // Nested folders so no component exceeds NAME_MAX; the file at the 1024-byte prefix exists, to catch truncation.
        string folder = _directory.Path;
        while (folder.Length < 1100)
        {
            folder = Path.Combine(folder, new string('d', 100));
        }

        Directory.CreateDirectory(folder);
        string longPath = Path.Combine(folder, "image.fits");
        new TestFitsWriter().Primary(16, [2], TestFitsWriter.BigEndian<short>([1, 2])).Write(longPath);

        var e = Assert.Throws<PathTooLongException>(() => FitsFile.Open(longPath));
        Assert.That(e!.Message, Does.Contain("1024"));
    }

    [Test]
    public void A_path_of_exactly_1024_bytes_opens()
    {
        string folder = _directory.Path;
        while (folder.Length < 900)
        {
            folder = Path.Combine(folder, new string('e', 100));
        }

        Directory.CreateDirectory(folder);
        int nameLength = 1024 - folder.Length - 1;
        string path = Path.Combine(folder, new string('f', nameLength - 5) + ".fits");
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(path), Is.EqualTo(1024));
        new TestFitsWriter().Primary(16, [2], TestFitsWriter.BigEndian<short>([5, 6])).Write(path);

        using FitsFile fits = FitsFile.Open(path);
        Assert.That(fits.Primary.Read<short>(), Is.EqualTo(new short[] { 5, 6 }));
    }

    [Test]
    public void A_NUL_or_a_lone_surrogate_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => FitsFile.Open("a\0b.fits"));
        Assert.Throws<ArgumentException>(() => FitsFile.Open("a\uD800b.fits"));
    }

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
