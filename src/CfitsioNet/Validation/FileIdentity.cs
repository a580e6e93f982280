namespace CfitsioNet.Validation;

/// <summary>
/// What identifies one version of a file's contents: device, inode, size, and modification and change times to the
/// nanosecond (from one <c>statx</c>). Any write, truncation or replacement changes it; the change time cannot be
/// set by a user. <see cref="Unknown"/> where the system does not say.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, ulong Size, long ModifiedSeconds, uint ModifiedNanoseconds, long ChangedSeconds, uint ChangedNanoseconds)
{
    /// <summary>No identity: never equal to a cached one in effect, because nothing is cached for it.</summary>
    internal static FileIdentity Unknown => default;

    /// <summary>Whether the identity came from the file system.</summary>
    internal bool IsKnown => Inode != 0 || Device != 0;
}
