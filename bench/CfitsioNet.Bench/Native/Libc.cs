using System.Runtime.InteropServices;

namespace CfitsioNet.Bench.Native;

/// <summary>The C library calls the measurements need: the process's minor page faults.</summary>
internal static partial class Libc
{
    /// <summary>Logical name; <see cref="BenchLibraryResolver"/> maps it to libc.so.6 or libSystem.</summary>
    internal const string Library = "libc";

    private const int RusageSelf = 0;

    static Libc() => BenchLibraryResolver.Register();

    /// <summary>
    /// Minor page faults of the whole process so far (<c>getrusage(RUSAGE_SELF).ru_minflt</c>), as cbench and
    /// pybench count them: every thread's, so a GC or JIT thread faulting at the same moment is counted too.
    /// </summary>
    internal static long MinorFaults()
    {
        if (GetResourceUsage(RusageSelf, out ResourceUsage usage) != 0)
        {
            throw new System.InvalidOperationException($"getrusage failed (errno {Marshal.GetLastSystemError()}).");
        }

        return usage.MinorFaults;
    }

    /// <summary><c>getrusage</c>: resource usage of the process (<c>who</c> = 0) or the calling thread (1, Linux).</summary>
    [LibraryImport(Library, EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>
    /// <c>struct rusage</c> on 64-bit Linux and macOS: two 16-byte <c>timeval</c>s, then fourteen <c>long</c>s.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentSet;
        public long SharedMemory;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
