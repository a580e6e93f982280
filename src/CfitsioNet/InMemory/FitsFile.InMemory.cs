using System;
using System.IO;
using CfitsioNet.InMemory;
using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>FITS files in memory: opened from bytes or a stream, created into a growing buffer or a stream.</summary>
public sealed partial class FitsFile
{
    /// <summary>The <see cref="FileName"/> of a file opened from memory or created in memory.</summary>
    public const string MemoryFileName = "(memory)";

    /// <summary>The <see cref="FileName"/> of a file opened from a stream.</summary>
    public const string StreamFileName = "(stream)";

    // The buffer CFITSIO's memory driver reads or writes, for files in memory (owned by the handle's Storage).
    private MemoryImage? _memory;

    // Where Commit writes a file made by Create(Stream).
    private Stream? _commitStream;

    /// <summary>The length of a file opened from memory (read-only), or null.</summary>
    internal long? ReadOnlyMemoryLength => _memory is { } memory && !IsWritable ? memory.Length : null;

    /// <summary>Whether the file is held in memory (opened from bytes or a stream, or created in memory).</summary>
    public bool IsInMemory => _memory is not null;

    /// <summary>
    /// Opens the FITS file held in <paramref name="data"/>, read-only, with CFITSIO's memory driver. Gzip-compressed
    /// bytes (starting 1F 8B) are decompressed first. Every read gives the same values as from the same bytes in a file.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Uncompressed bytes are not copied:</b> <paramref name="data"/> is pinned and read in place until the file is
    /// disposed (or finalized); it is never read after that, so the caller may reuse the memory once the file is
    /// disposed, but must not change it before. Gzip-compressed bytes are decompressed into native memory the file owns
    /// and frees when disposed; <paramref name="data"/> is not used after this call returns.
    /// </para>
    /// <para>
    /// The fast read paths (direct reads, memory maps, parallel decompression) work on files by name and are not used:
    /// every read goes through CFITSIO. <see cref="FileName"/> is <see cref="MemoryFileName"/>.
    /// </para>
    /// </remarks>
    /// <param name="data">The bytes of a FITS file, or of a gzip-compressed one.</param>
    /// <returns>The open file; dispose it to close it and release <paramref name="data"/>.</returns>
    /// <exception cref="FitsException">The bytes are not a FITS file CFITSIO can open, or are corrupt gzip data.</exception>
    /// <example>
    /// <code>
    /// byte[] bytes = await http.GetByteArrayAsync(url);
    /// using var fits = FitsFile.Open(bytes);
    /// float[] pixels = fits.Primary.Read&lt;float&gt;();
    /// </code>
    /// </example>
    public static FitsFile Open(ReadOnlyMemory<byte> data)
    {
        MemoryImage image;
        if (MemoryImage.IsGzip(data.Span))
        {
            image = Decompress(() => MemoryImage.Decompress(data), MemoryFileName);
            image.RegisterReadOnly();
        }
        else
        {
            image = MemoryImage.Pin(data);
        }

        return OpenMemory(image, MemoryFileName);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> from its current position to its end into native memory and opens the FITS file
    /// it holds, read-only, as <see cref="Open(ReadOnlyMemory{byte})"/> does. Gzip-compressed bytes are decompressed.
    /// The stream is not closed; the memory is freed when the file is disposed.
    /// </summary>
    /// <param name="stream">A readable stream; it need not be seekable.</param>
    /// <returns>The open file; <see cref="FileName"/> is <see cref="StreamFileName"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="FitsException">The bytes are not a FITS file CFITSIO can open, or are corrupt gzip data.</exception>
    /// <remarks>Any exception the stream throws while it is read propagates unchanged; nothing is left allocated.</remarks>
    public static FitsFile Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MemoryImage read = MemoryImage.ReadAll(stream);
        if (read.StartsWithGzip)
        {
            MemoryImage compressed = read;
            using (compressed)
            {
                read = Decompress(compressed.DecompressOwned, StreamFileName);
            }
        }

        read.RegisterReadOnly();
        return OpenMemory(read, StreamFileName);
    }

    /// <summary>
    /// Starts writing a new FITS file in memory, in a buffer that grows as HDUs are added. Add HDUs as to a file made by
    /// <see cref="Create(string, bool)"/>; take the bytes with <see cref="ToByteArray"/> or <see cref="CopyTo"/> (at any time,
    /// also several times). The bytes are those <see cref="Create(string, bool)"/> writes to disk for the same calls.
    /// </summary>
    /// <returns>A writable file in memory; dispose it to free the memory. <see cref="FileName"/> is <see cref="MemoryFileName"/>.</returns>
    /// <example>
    /// <code>
    /// using var fits = FitsFile.CreateInMemory();
    /// fits.AddImage&lt;short&gt;(pixels, [rows, columns]);
    /// byte[] bytes = fits.ToByteArray();
    /// </code>
    /// </example>
    public static FitsFile CreateInMemory()
    {
        MemoryImage image = MemoryImage.Growing();
        object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
        lock (sync)
        {
            lock (FitsStatus.ErrorStackLock)
            {
                FitsHandle handle;
                try
                {
                    unsafe
                    {
                        handle = AdoptMemoryHandle(
                            CfitsioProxy.CreateMemoryOrClose(image.BufferCell, image.SizeCell, 0, MemoryImage.ReallocPointer, "create", new CallContext(MemoryFileName)),
                            image);
                    }
                }
                catch
                {
                    image.Dispose();
                    throw;
                }

                return new FitsFile(handle, MemoryFileName, sync, writable: true) { _memory = image, _hduCount = 0 };
            }
        }
    }

    /// <summary>
    /// Starts writing a new FITS file that <see cref="Commit"/> writes to <paramref name="destination"/>. The file is
    /// built in memory (as by <see cref="CreateInMemory"/>); nothing is written to the stream before <see cref="Commit"/>,
    /// and nothing at all if the file is disposed without it. The stream is not closed.
    /// </summary>
    /// <param name="destination">A writable stream; it need not be seekable.</param>
    /// <returns>A writable file; dispose it after <see cref="Commit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    public static FitsFile Create(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        FitsFile file = CreateInMemory();
        file._commitStream = destination;
        return file;
    }

    /// <summary>
    /// The bytes of a file created in memory, as they are now: everything CFITSIO buffers is written first. A file with
    /// no HDU yet gets an empty primary HDU first, as <see cref="Commit"/> does. The file stays open for more HDUs.
    /// </summary>
    /// <returns>A new array with the whole file.</returns>
    /// <exception cref="InvalidOperationException">The file is not in memory, or is faulted by a failed write, or longer than an array holds.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    public byte[] ToByteArray()
    {
        lock (Sync)
        {
            return FlushMemory("take the bytes of").ToArray();
        }
    }

    /// <summary>Writes the bytes of a file created in memory to <paramref name="destination"/>, as <see cref="ToByteArray"/> takes them.</summary>
    /// <param name="destination">A writable stream; the bytes are written from its current position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The file is not in memory, or is faulted by a failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    public void CopyTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (Sync)
        {
            FlushMemory("copy").CopyTo(destination);
        }
    }

    /// <summary>Commit of a file made by <see cref="Create(Stream)"/>: writes the whole file to the stream, then closes. Under <see cref="Sync"/>.</summary>
    private bool TryCommitToStream()
    {
        if (_commitStream is not { } destination)
        {
            return false;
        }

        try
        {
            FlushMemory("commit").CopyTo(destination);
            destination.Flush();
        }
        finally
        {
            _commitStream = null;
            _disposed = true;
            _handle.Dispose();
        }

        return true;
    }

    private MemoryImage FlushMemory(string operation)
    {
        ThrowIfDisposed();
        MemoryImage image = _memory is { } memory && IsWritable
            ? memory
            : throw new InvalidOperationException($"Cannot {operation} '{FileName}': only a file made by FitsFile.CreateInMemory or FitsFile.Create(Stream) has bytes in memory to take.");
        ThrowIfFaulted(operation);
        if (HduCount == 0)
        {
            AddEmptyImage();
        }

        CfitsioProxy.Flush(_handle, "flush", new CallContext(FileName));
        return image;
    }

    private static MemoryImage Decompress(Func<MemoryImage> decompress, string name)
    {
        try
        {
            return decompress();
        }
        catch (InvalidDataException e)
        {
            throw new FitsException(e, $"the bytes start like gzip data but cannot be decompressed: {e.Message}", name, "open");
        }
    }

    private static FitsFile OpenMemory(MemoryImage image, string name)
    {
        // The same header checks a file gets before CFITSIO reads it (Validation/HeaderScan.cs): values CFITSIO
        // mishandles natively (a zero ZTILEn divides by zero, heap descriptors past the heap) are refused here too.
        try
        {
            unsafe
            {
                HeaderScan.Check((byte*)*image.BufferCell, image.Length, name);
            }
        }
        catch
        {
            image.Dispose();
            throw;
        }

        object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
        lock (sync)
        {
            lock (FitsStatus.ErrorStackLock)
            {
                FitsHandle handle;
                try
                {
                    unsafe
                    {
                        // The name only labels CFITSIO's messages; it must hold no brackets, which ffomem would parse.
                        handle = AdoptMemoryHandle(
                            CfitsioProxy.OpenMemoryOrClose(
                                "memory", Cfitsio.ReadOnly, image.BufferCell, image.SizeCell, 0, MemoryImage.ReadOnlyReallocPointer, "open", new CallContext(name)),
                            image);
                    }
                }
                catch
                {
                    image.Dispose();
                    throw;
                }

                return new FitsFile(handle, name, sync, writable: false) { _memory = image };
            }
        }
    }

    // The handle owning an open fitsfile* from ffomem/ffimem and the image it uses.
    private static FitsHandle AdoptMemoryHandle(IntPtr pointer, MemoryImage image)
    {
        var handle = new FitsHandle();
        handle.Attach(pointer);
        handle.Storage = image;
        return handle;
    }
}
