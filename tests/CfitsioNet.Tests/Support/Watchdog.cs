using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// Bounds a test body that could hang (a read of a hostile file can spin inside CFITSIO, where no cancellation
/// token reaches). NUnit's [Timeout] does not work on .NET (no Thread.Abort) and [CancelAfter] only cancels a token
/// the code must watch; so the body runs on a thread of its own and the test fails when it has not finished in time.
/// The hung thread is a background thread, left behind: it cannot keep the test process alive.
/// </summary>
internal static class Watchdog
{
    // CFITSIO keeps some large buffers on the stack; give the body what a main thread gets on Linux.
    private const int StackBytes = 8 << 20;

    /// <summary>
    /// Runs <paramref name="body"/> and returns when it has returned; rethrows what it threw, and throws a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> when it has not finished within
    /// <paramref name="limit"/>.
    /// </summary>
    internal static void Run(TimeSpan limit, string what, Action body)
    {
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes)
        {
            IsBackground = true,
            Name = "Watchdog: " + what,
        };

        thread.Start();
        if (!thread.Join(limit))
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.###} s: a hang (its thread is left running).");
        }

        error?.Throw();
    }
}
