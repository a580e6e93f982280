using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>Runs tools/CfitsioNet.Fuzz (built with the tests, see the csproj) as a child process.</summary>
internal static class FuzzTool
{
    /// <summary>Starts the tool with <paramref name="arguments"/>, through <paramref name="wrapper"/> (e.g. setpriv ...) when given.</summary>
    public static Process Start(IReadOnlyList<string> arguments, params string[] wrapper)
    {
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (wrapper.Length > 0)
        {
            foreach (string argument in wrapper[1..])
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path());
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>The tool's dll next to the test output: tests/CfitsioNet.Tests/bin/C/tfm/ -> tools/CfitsioNet.Fuzz/bin/C/tfm/.</summary>
    public static string Path()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string framework = testOutput.Name;
        string configuration = testOutput.Parent!.Name;
        DirectoryInfo? root = testOutput;
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "CfitsioNet.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "repository root (CfitsioNet.sln) not found above the test output");
        string tool = System.IO.Path.Combine(root!.FullName, "tools", "CfitsioNet.Fuzz", "bin", configuration, framework, "CfitsioNet.Fuzz.dll");
        Assert.That(File.Exists(tool), Is.True, $"{tool} is missing: the test project builds it (ProjectReference)");
        return tool;
    }

    /// <summary>The next line of the child's output within <paramref name="timeout"/>; kills the child and fails otherwise.</summary>
    public static string? ReadLineWithin(Process process, TimeSpan timeout)
    {
        var read = process.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout))
        {
            process.Kill();
            Assert.Fail($"no output from the child within {timeout}; stderr: {process.StandardError.ReadToEnd()}");
        }

        return read.Result;
    }
}
