using System;

namespace CfitsioNet.Direct;

/// <summary>
/// The process-wide switch that turns every path around CFITSIO's pixel reader off: the AppContext switch
/// <c>CfitsioNet.DisableDirectRead</c> (runtimeconfig.json or <c>AppContext.SetSwitch</c> before the first read) or the
/// environment variable <c>CFITSIONET_DIRECT=0</c>. Read once per process.
/// </summary>
internal static class DirectReadSwitch
{
    /// <summary>The AppContext switch name.</summary>
    internal const string SwitchName = "CfitsioNet.DisableDirectRead";

    /// <summary>The environment variable; "0", "false" or "off" turn the direct path off.</summary>
    internal const string EnvironmentVariable = "CFITSIONET_DIRECT";

    private static readonly bool s_disabled = ReadSetting();

    /// <summary>Whether the direct path is off for the whole process.</summary>
    internal static bool Disabled => s_disabled;

    private static bool ReadSetting()
    {
        bool? appContext = AppContext.TryGetSwitch(SwitchName, out bool value) ? value : null;
        return IsDisabled(appContext, Environment.GetEnvironmentVariable(EnvironmentVariable));
    }

    /// <summary>The rule: the AppContext switch set to true, or the environment variable "0", "false" or "off".</summary>
    internal static bool IsDisabled(bool? appContextSwitch, string? environmentValue)
    {
        if (appContextSwitch == true)
        {
            return true;
        }

        string value = environmentValue?.Trim() ?? string.Empty;
        return value == "0"
            || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value.Equals("off", StringComparison.OrdinalIgnoreCase);
    }
}
