using System;
using System.Threading;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>The watchdog that bounds <see cref="Reliability.CorpusTests"/>: a body that never returns fails the case.</summary>
public sealed class WatchdogTests
{
    [Test]
    public void A_body_that_never_finishes_fails_with_a_timeout()
    {
        var release = new ManualResetEventSlim(); // not disposed: the abandoned thread may still be waking on it
        var e = Assert.Throws<TimeoutException>(() => Watchdog.Run(TimeSpan.FromMilliseconds(20), "a blocked read", () => release.Wait()));
        release.Set();

        Assert.That(e!.Message, Does.StartWith("a blocked read did not finish within 0.02 s"));
    }

    [Test]
    public void A_body_that_throws_rethrows_on_the_test_thread()
    {
        var thrown = new FitsException("not a FITS file", "corpus.fits", "open");

        var e = Assert.Throws<FitsException>(() => Watchdog.Run(TimeSpan.FromMinutes(1), "a failing read", () => throw thrown));

        Assert.That(e, Is.SameAs(thrown));
    }

    [Test]
    public void A_body_that_finishes_returns_after_it_has_run()
    {
        int ran = 0;

        Watchdog.Run(TimeSpan.FromMinutes(1), "a read", () => ran++);

        Assert.That(ran, Is.EqualTo(1));
    }
}
