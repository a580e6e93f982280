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
        if (AppContext.TryGetSwitch(SwitchName, out bool disabled) && disabled)
        {
            return true;
        }

        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return value is not null
            && (value.Trim() == "0"
                || value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
                || value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase));
    }
}
