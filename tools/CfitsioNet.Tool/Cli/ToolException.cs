using System;

namespace CfitsioNet.Tool.Cli;

/// <summary>A problem with what the user asked for, reported as one line and <see cref="ExitCodes.Error"/>.</summary>
internal sealed class ToolException(string message) : Exception(message);
