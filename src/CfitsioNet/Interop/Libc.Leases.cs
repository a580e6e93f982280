using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>The <c>fcntl(2)</c> commands for file leases (Linux only; the values are Linux's on x86-64 and arm64).</summary>
internal static partial class Libc
{
    internal const int FcntlSetSignal = 10;     // F_SETSIG
    internal const int FcntlSetLease = 1024;    // F_SETLEASE
    internal const int FcntlGetLease = 1025;    // F_GETLEASE
    internal const int LeaseRead = 0;           // F_RDLCK
    internal const int LeaseNone = 2;           // F_UNLCK
    internal const int SignalUrgent = 23;       // SIGURG: default action "ignore"

    internal const int EAGAIN = 11;             // also EWOULDBLOCK
    internal const int EINTR = 4;
    internal const int ENOMEM = 12;
    internal const int ENOLCK = 37;

    /// <summary>
    /// <c>fcntl(2)</c> with an integer argument: 0 or a command's result on success, -1 and errno on failure. fcntl is
    /// variadic in C; an int argument is passed in the same register either way on the Linux ABIs (x86-64, arm64).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fileDescriptor, int command, int argument);
}
