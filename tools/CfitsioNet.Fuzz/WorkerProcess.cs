using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CfitsioNet.Fuzz;

/// <summary>A child process of this tool in one of its modes, talked to line by line; its standard error is kept.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _stderr = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > 60)
                {
                    _stderr.Dequeue();
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    internal int Id => _process.Id;

    /// <summary>Starts this tool again with <paramref name="arguments"/>: no crash dumps, a bounded GC heap.</summary>
    internal static WorkerProcess Start(params string[] arguments)
    {
        ProcessStartInfo info = SelfStartInfo(arguments);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        info.Environment["DOTNET_EnableCrashReport"] = "0";
        // A header may claim any size: let a giant managed allocation fail fast instead of paging the machine.
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start a worker."));
    }

    /// <summary>How to run this same program again (apphost, or dotnet plus the dll).</summary>
    internal static ProcessStartInfo SelfStartInfo(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    internal void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>The next line, or null when the process closed its output (it died) or the timeout passed (<paramref name="timedOut"/>).</summary>
    internal string? Receive(TimeSpan timeout, out bool timedOut)
    {
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        timedOut = !line.Wait(timeout);
        return timedOut ? null : line.Result;
    }

    /// <summary>Waits for the process to end after it closed its output; returns its exit code and a description.</summary>
    internal (int ExitCode, string Description) WaitForDeath()
    {
        if (!_process.WaitForExit(10_000))
        {
            Kill();
        }

        _process.WaitForExit();
        int code = _process.ExitCode;
        // .NET reports a process killed by signal N as exit code 128 + N.
        string description = code > 128 && code < 160 ? $"killed by signal {code - 128} ({SignalName(code - 128)})" : $"exit code {code}";
        return (code, description);
    }

    internal string StandardErrorTail()
    {
        Thread.Sleep(50);
        lock (_stderr)
        {
            return string.Join("\n", _stderr);
        }
    }

    internal void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5_000))
                {
                    Kill();
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal " + signal,
    };
}
