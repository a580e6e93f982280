using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Support;

/// <summary>What one run of a child process did.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output split into lines, without the final empty one.</summary>
    public string[] Lines => Output.TrimEnd('\n').Split('\n');
}

/// <summary>Runs the built `fits` tool (tools/CfitsioNet.Tool/bin/C/tfm/fits.dll) as a process, in the golden folder.</summary>
internal static class ToolProcess
{
    /// <summary>The golden files, copied next to the tests.</summary>
    public static string Golden { get; } = Path.Combine(AppContext.BaseDirectory, "golden");

    public static ProcessResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Golden };
        start.ArgumentList.Add(ToolPath());
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Processes.Run(start, TimeSpan.FromMinutes(2));
    }

    /// <summary>Asserts a clean failure: the expected exit code, nothing on stdout, one line on stderr starting with "fits: ", no stack trace.</summary>
    public static string AssertOneLineError(ProcessResult result, int exitCode = 2)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        string[] lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.StartWith("fits: "));
        Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "a stack trace or exception dump");
        Assert.That(lines.Length, Is.LessThanOrEqualTo(2), "one line (and at most a 'Try --help' hint)");
        return lines[0];
    }

    private static string ToolPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name, configuration = output.Parent!.Name;
        DirectoryInfo? root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CfitsioNet.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "repository root (CfitsioNet.sln) not found above the test output");
        string tool = Path.Combine(root!.FullName, "tools", "CfitsioNet.Tool", "bin", configuration, framework, "fits.dll");
        Assert.That(File.Exists(tool), Is.True, $"{tool} is missing: the test project builds it (ProjectReference)");
        return tool;
    }
}

/// <summary>Child processes with their output captured and a time limit.</summary>
internal static class Processes
{
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using Process process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, output.Result.Replace("\r\n", "\n"), error.Result.Replace("\r\n", "\n"));
    }
}
