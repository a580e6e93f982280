using System.Runtime.InteropServices;
using System.Threading;
using CfitsioNet.Interop;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// A Linux read lease (<c>fcntl(F_SETLEASE, F_RDLCK)</c>) on the direct path's read-only handle, held while any
/// mapped read is inside. While it is held the kernel makes every <c>open</c> for writing and every <c>truncate</c>
/// of the file, by any process, wait until it is released (or fail with EWOULDBLOCK under O_NONBLOCK), and it can
/// only be taken while nobody has the file open for writing: so a file cannot shrink under a read from a map that
/// holds it, and that read cannot fault (SIGBUS).
/// </summary>
/// <remarks>
/// <para>
/// Leases belong to the open file description, not to a thread, so concurrent readers share one: the first reader in
/// takes it, the last one out releases it. A reader joins a held lease only while the kernel still reports it as a
/// read lease: once a writer has asked for the file (a lease break), new readers read with <c>pread</c> instead, so
/// the holders drain within one read and the writer waits no longer than that (the kernel's lease-break-time, 45 s,
/// is the bound after which it would revoke the lease; no read comes near it).
/// </para>
/// <para>
/// A lease break signals the holder: the kernel makes the process that takes a lease the file's owner
/// (<c>__f_setown</c> in <c>lease_setup</c>, fs/locks.c) and sends it SIGIO by default, whose default action
/// terminates the process (measured: a process holding a lease without a handler dies when another process opens the
/// file for writing). Not calling <c>F_SETOWN</c> does not help: the kernel sets the owner itself. So before every
/// lease the handle's signal is set to SIGURG with <c>F_SETSIG</c> (every time: releasing a lease resets the signal
/// to 0, which means SIGIO, and clears the owner; measured, and <c>lease_modify</c> in fs/locks.c): its
/// default action is to ignore it, the .NET runtime installs no handler for it, and runtimes that do (Go's
/// preemption) treat spurious SIGURGs as harmless by design. A non-real-time signal is never replaced by SIGIO when
/// it cannot be queued (it is sent without its information instead).
/// </para>
/// </remarks>
internal sealed class ReadLease
{
    private readonly SafeFileHandle _handle;
    private readonly object _sync = new();
    private int _holders;
    private volatile bool _unavailable;
    private int _taken;
    private int _refused;

    internal ReadLease(SafeFileHandle handle)
    {
        _handle = handle;
    }

    /// <summary>False once the kernel refused a lease for a reason that does not change (not the owner, no lease support).</summary>
    internal bool MayBeTaken => !_unavailable;

    /// <summary>Times the lease was taken (0 to 1 holders).</summary>
    internal int TakenCount => Volatile.Read(ref _taken);

    /// <summary>Times a reader could not hold the lease (refused by the kernel, or being broken by a writer).</summary>
    internal int RefusedCount => Volatile.Read(ref _refused);

    /// <summary>The errno of the last refusal by the kernel, 0 if none (tests show it when a lease cannot be had).</summary>
    internal int LastError { get; private set; }

    /// <summary>
    /// Holds the lease for one read: true when it is held (call <see cref="Exit"/> after the read), false when the
    /// read must not rely on it. Keeps the handle open until <see cref="Exit"/>, so disposal cannot drop the lease
    /// under a read. Throws <see cref="System.ObjectDisposedException"/> when the handle is closed.
    /// </summary>
    internal bool TryEnter()
    {
        if (_unavailable)
        {
            return false;
        }

        bool added = false;
        _handle.DangerousAddRef(ref added);
        int descriptor = (int)_handle.DangerousGetHandle();
        lock (_sync)
        {
            if (_holders > 0
                ? Libc.Fcntl(descriptor, Libc.FcntlGetLease, 0) == Libc.LeaseRead
                : Take(descriptor))
            {
                _holders++;
                return true;
            }
        }

        Interlocked.Increment(ref _refused);
        _handle.DangerousRelease();
        return false;
    }

    /// <summary>Ends a read that <see cref="TryEnter"/> let in; the last one out releases the lease.</summary>
    internal void Exit()
    {
        lock (_sync)
        {
            if (--_holders == 0)
            {
                // Cannot fail while the handle is open (our reference keeps it open); if the kernel already revoked
                // the lease (break time passed) there is nothing to release.
                Libc.Fcntl((int)_handle.DangerousGetHandle(), Libc.FcntlSetLease, Libc.LeaseNone);
            }
        }

        _handle.DangerousRelease();
    }

    // Takes the lease; on a refusal that cannot change, stops trying for this file.
    private bool Take(int descriptor)
    {
        // Every time: removing a lease resets the file's signal to 0 (SIGIO) and clears its owner (lease_modify in
        // fs/locks.c), so a signal set once would only cover the first lease.
        if (Libc.Fcntl(descriptor, Libc.FcntlSetSignal, Libc.SignalUrgent) != 0)
        {
            Refuse(Marshal.GetLastPInvokeError(), permanent: true);
            return false;
        }

        if (Libc.Fcntl(descriptor, Libc.FcntlSetLease, Libc.LeaseRead) == 0)
        {
            _taken++;
            return true;
        }

        int error = Marshal.GetLastPInvokeError();

        // EAGAIN: open for writing now (or a break pending); ENOLCK, ENOMEM, EINTR: resources. Anything else (EACCES:
        // not the owner and no CAP_LEASE; EINVAL: no lease support or leases disabled) does not change while open.
        Refuse(error, permanent: error is not (Libc.EAGAIN or Libc.ENOLCK or Libc.ENOMEM or Libc.EINTR));
        return false;
    }

    private void Refuse(int error, bool permanent)
    {
        LastError = error;
        if (permanent)
        {
            _unavailable = true;
        }
    }
}
