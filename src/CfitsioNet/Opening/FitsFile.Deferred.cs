using System;
using CfitsioNet.Direct;
using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>The deferred open (<see cref="DeferredOpen"/> holds it): what the rest of the file asks of it.</summary>
public sealed partial class FitsFile
{
    // Set when Open deferred CFITSIO's open; kept once CFITSIO has opened (the primary's proven description stays valid).
    private DeferredOpen? _deferred;

    /// <summary>Number of opens in this process that deferred CFITSIO's open (tests check which path ran).</summary>
    internal static int DeferredOpenCount => DeferredOpen.Count;

    /// <summary>Number of primary headers examined for a deferred open in this process (tests check what is remembered).</summary>
    internal static int DeferredExaminationCount => DeferredOpen.ExaminationCount;

    /// <summary>Whether <see cref="Open(string)"/> deferred CFITSIO's open of this file.</summary>
    internal bool OpenedDeferred => _deferred is not null;

    /// <summary>Whether CFITSIO holds the file (always, unless the open was deferred and nothing has needed CFITSIO yet).</summary>
    internal bool CfitsioOpen
    {
        get
        {
            lock (Sync)
            {
                return _deferred is not { CfitsioPending: true };
            }
        }
    }

    /// <summary>The direct plan of the primary image proven at a deferred open, or null. Immutable once the file is returned.</summary>
    internal DirectImagePlan? DeferredPrimaryPlan => _deferred?.PrimaryPlan;

    /// <summary>Whether a small read of the deferred primary image may take the direct path (see <see cref="DeferredOpen.TakeFirstSmallRead"/>).</summary>
    internal bool TakeFirstSmallDeferredRead()
    {
        lock (Sync)
        {
            return _deferred is { } deferred && deferred.TakeFirstSmallRead();
        }
    }

    /// <summary>
    /// The primary image's description proven at a deferred open, or null. Throws <see cref="ObjectDisposedException"/>
    /// once the file is disposed. Call under <see cref="Sync"/>.
    /// </summary>
    internal ImageInfo? DeferredPrimaryInfo()
    {
        ThrowIfDisposed();
        return _deferred?.PrimaryInfo;
    }

    /// <summary>
    /// Whether the primary image's data, as the deferred open found them, were all in the file when it was opened (no
    /// buffer is sized beyond the file); null when the open was not deferred (CFITSIO then answers). A file that shrinks
    /// later makes the read fall back to CFITSIO, which reports it. Call under <see cref="Sync"/>.
    /// </summary>
    internal bool? DeferredPrimaryDataInFile()
    {
        if (_deferred is not { } deferred)
        {
            return null;
        }

        ThrowIfDisposed();
        return deferred.PrimaryDataInFileAtOpen()
            ?? (GetDirectSource() is { } source && source.CurrentLength() >= deferred.PrimaryDataEnd);
    }

    /// <summary><see cref="Open(string, FitsOpenOptions)"/>: validates the path and headers, then defers CFITSIO's open when it can.</summary>
    private static FitsFile OpenPlain(string path, FitsOpenOptions options) =>
        options.Lenient ? OpenLenient(path, options) : OpenPlainCore(path, options);

    /// <summary>The strict open of <see cref="OpenPlain"/>.</summary>
    private static FitsFile OpenPlainCore(string path, FitsOpenOptions options)
    {
        string fullPath = SafeFileName.Resolve(path, "open", out FileIdentity identity);
        HeaderScan.Check(fullPath, identity);
        if (DeferredOpen.WorthExamining(fullPath, identity, options)
            && DeferredOpen.TryBegin(fullPath, identity, options, out DirectFileSource? source) is { } deferred)
        {
            object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
            var deferredFile = new FitsFile(new FitsHandle(), fullPath, sync, writable: false)
            {
                _plainDiskFile = true,
                _options = options,
                _deferred = deferred,
            };
            deferredFile._fastPaths.Source = source; // maps itself when its policy asks for it
            return deferredFile;
        }

        FitsFile file = OpenCore(fullPath, extended: false, writable: false);
        file._options = options;
        return file;
    }

    /// <summary>Opens CFITSIO's handle if the open was deferred and has not happened yet. Call under <see cref="Sync"/>, not disposed.</summary>
    private void OpenDeferredCfitsio()
    {
        if (_deferred is { CfitsioPending: true } deferred && deferred.OpenCfitsio(_handle, FileName))
        {
            _currentHdu = 0;
        }
    }
}
