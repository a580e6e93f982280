using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CfitsioNet.InMemory;

/// <summary>
/// The bytes of a FITS file CFITSIO's memory driver reads or writes, and the two cells it keeps the addresses of
/// (the buffer's address and its size): both must stay valid until the CFITSIO file is closed, so an image is
/// disposed by the <see cref="Interop.FitsHandle"/> right after <c>ffclos</c>, finalizer included.
/// </summary>
/// <remarks>
/// The buffer is either the caller's memory, pinned (<see cref="Pin"/>: no copy; CFITSIO reads it in place until
/// the file is closed, never after), or a native block this image owns (<see cref="ReadAll"/>, <see cref="Decompress(ReadOnlyMemory{byte})"/>,
/// <see cref="Growing"/>). Owned blocks carry their capacity in the 16 bytes before the address CFITSIO sees, so the
/// <see cref="ReallocPointer"/> callback can grow them geometrically while CFITSIO asks for one 2880-byte block more
/// at a time.
/// </remarks>
internal sealed unsafe class MemoryImage : IDisposable
{
    private const int BlockHeader = 16;
    private const int FirstCapacity = 64 * 1024;
    private const int MaxChunk = 1 << 30;

    // Read-only buffers CFITSIO was given, by address: their length, and how many open files share them.
    private static readonly Dictionary<nint, (long Length, int Users)> s_readOnly = [];

    private readonly bool _owned;
    private MemoryHandle _pin;
    private void** _cells;
    private nint _registered;

    private MemoryImage(bool owned)
    {
        _owned = owned;
        _cells = (void**)NativeMemory.AllocZeroed((nuint)(2 * sizeof(nuint)));
    }

    /// <summary>Address of the cell holding the buffer's address (CFITSIO's <c>buffptr</c>).</summary>
    internal void** BufferCell => _cells;

    /// <summary>Address of the cell holding the buffer's size in bytes (CFITSIO's <c>buffsize</c>).</summary>
    internal nuint* SizeCell => (nuint*)(_cells + 1);

    /// <summary>The current length in bytes (for a file being written: the allocated length CFITSIO keeps, whole blocks).</summary>
    internal long Length => (long)*SizeCell;

    /// <summary>The <c>realloc</c>-shaped callback for <c>ffimem</c>: grows owned blocks.</summary>
    internal static IntPtr ReallocPointer => (IntPtr)(delegate* unmanaged[Cdecl]<void*, nuint, void*>)&Realloc;

    /// <summary>The <c>realloc</c>-shaped callback for <c>ffomem</c> (read-only files): never grows a buffer.</summary>
    /// <remarks>
    /// CFITSIO 4.2.0's <c>ffrhdu</c> "truncates" an in-memory file to the end its last HDU's header declares; without a
    /// callback, <c>mem_truncate</c> then takes that length as the file's, and reads run past the end of the buffer (a
    /// cut or lying file would read foreign memory, or crash). With this callback the call fails (status 113, the open
    /// or the move reports it) unless the length is within the buffer.
    /// </remarks>
    internal static IntPtr ReadOnlyReallocPointer => (IntPtr)(delegate* unmanaged[Cdecl]<void*, nuint, void*>)&ReallocReadOnly;

    /// <summary>
    /// Pins <paramref name="memory"/> for CFITSIO to read in place, until <see cref="Dispose"/>; copies it instead when
    /// another open file reads a buffer at the same address with another length.
    /// </summary>
    internal static MemoryImage Pin(ReadOnlyMemory<byte> memory)
    {
        var image = new MemoryImage(owned: false);
        image._pin = memory.Pin();
        *image.BufferCell = image._pin.Pointer;
        *image.SizeCell = (nuint)memory.Length;
        if (image.TryRegisterReadOnly())
        {
            return image;
        }

        image.Dispose();
        var copy = new MemoryImage(owned: true);
        *copy.BufferCell = Grow(null, (nuint)Math.Max(memory.Length, 1));
        memory.Span.CopyTo(new Span<byte>(*copy.BufferCell, memory.Length));
        *copy.SizeCell = (nuint)memory.Length;
        copy.RegisterReadOnly();
        return copy;
    }

    /// <summary>Marks an owned buffer as read by a read-only file: <see cref="ReadOnlyReallocPointer"/> will not grow it.</summary>
    internal void RegisterReadOnly()
    {
        if (!TryRegisterReadOnly())
        {
            throw new InvalidOperationException("An owned buffer's address is in use."); // cannot happen: the block is ours
        }
    }

    private bool TryRegisterReadOnly()
    {
        nint address = (nint)(*BufferCell);
        long length = Length;
        lock (s_readOnly)
        {
            if (s_readOnly.TryGetValue(address, out (long Length, int Users) entry))
            {
                if (entry.Length != length)
                {
                    return false;
                }

                s_readOnly[address] = (length, entry.Users + 1);
            }
            else
            {
                s_readOnly[address] = (length, 1);
            }
        }

        _registered = address;
        return true;
    }

    /// <summary>An empty owned buffer for CFITSIO to write a new file into.</summary>
    internal static MemoryImage Growing()
    {
        var image = new MemoryImage(owned: true);
        *image.BufferCell = Grow(null, FirstCapacity);
        if (*image.BufferCell is null)
        {
            image.Dispose();
            throw new OutOfMemoryException("Cannot allocate the memory for a FITS file in memory.");
        }

        return image;
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end into an owned buffer. An exception thrown by the stream propagates
    /// unchanged (after the buffer is freed).
    /// </summary>
    internal static MemoryImage ReadAll(Stream stream)
    {
        long hint = 0;
        try
        {
            hint = stream.CanSeek ? stream.Length - stream.Position : 0;
        }
        catch (NotSupportedException)
        {
            // Unknown length: grow as the bytes come.
        }

        MemoryImage image = Growing();
        try
        {
            nuint length = 0;
            if (hint > 0)
            {
                image.Reserve((nuint)hint + 1); // one more byte: the end is seen without growing
            }

            while (true)
            {
                nuint capacity = Capacity(*image.BufferCell);
                if (length == capacity)
                {
                    image.Reserve(capacity + 1);
                    capacity = Capacity(*image.BufferCell);
                }

                int chunk = (int)Math.Min(capacity - length, (nuint)MaxChunk);
                int read = stream.Read(new Span<byte>((byte*)*image.BufferCell + length, chunk));
                if (read <= 0)
                {
                    break;
                }

                length += (nuint)read;
            }

            *image.SizeCell = length;
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Whether this image's bytes start with the gzip magic number.</summary>
    internal bool StartsWithGzip => IsGzip(new ReadOnlySpan<byte>(*BufferCell, (int)Math.Min(Length, 2)));

    /// <summary>Decompresses this image's gzip bytes into a new owned image (see <see cref="Decompress(ReadOnlyMemory{byte})"/>).</summary>
    internal MemoryImage DecompressOwned() => Decompress((byte*)*BufferCell, Length);

    /// <summary>Whether the bytes start with the gzip magic number (1F 8B).</summary>
    internal static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    /// <summary>
    /// Decompresses gzip <paramref name="compressed"/> (one member) into an owned buffer. Corrupt or truncated
    /// data throw <see cref="InvalidDataException"/>.
    /// </summary>
    internal static MemoryImage Decompress(ReadOnlyMemory<byte> compressed)
    {
        using MemoryHandle pin = compressed.Pin();
        return Decompress((byte*)pin.Pointer, compressed.Length);
    }

    // zlib checks each member's CRC-32 and length when it reaches the trailer, but input that ends before the trailer
    // just ends the stream: a truncated file would decompress silently short. The last four bytes of a complete gzip
    // file are the uncompressed length modulo 2^32; comparing them catches truncation (several concatenated members
    // are refused by the same check, and CFITSIO would read only the first of them from a file).
    private static MemoryImage Decompress(byte* compressed, long length)
    {
        MemoryImage image;
        using (var source = new UnmanagedMemoryStream(compressed, length))
        using (var gzip = new GZipStream(source, CompressionMode.Decompress))
        {
            image = ReadAll(gzip);
        }

        if (length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(compressed + length - 4, 4)) != (uint)image.Length)
        {
            image.Dispose();
            throw new InvalidDataException(
                "the gzip data end before their trailer (truncated), or hold several gzip members, which are not supported");
        }

        return image;
    }

    /// <summary>The bytes (the whole buffer, <see cref="Length"/> long) as spans of at most 1 GiB, in order.</summary>
    internal void CopyTo(Stream destination)
    {
        byte* start = (byte*)*BufferCell;
        long length = Length;
        for (long done = 0; done < length;)
        {
            int chunk = (int)Math.Min(length - done, MaxChunk);
            destination.Write(new ReadOnlySpan<byte>(start + done, chunk));
            done += chunk;
        }
    }

    /// <summary>The bytes as a new array.</summary>
    /// <exception cref="InvalidOperationException">The file is longer than an array can hold.</exception>
    internal byte[] ToArray()
    {
        long length = Length;
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"The FITS file in memory is {length} bytes, more than an array holds; use CopyTo(Stream).");
        }

        return new ReadOnlySpan<byte>(*BufferCell, (int)length).ToArray();
    }

    /// <summary>Frees the buffer (or unpins the caller's memory) and the cells. Only once CFITSIO has closed the file.</summary>
    public void Dispose()
    {
        void** cells = _cells;
        if (cells is null)
        {
            return;
        }

        _cells = null;
        if (_registered != 0)
        {
            lock (s_readOnly)
            {
                (long length, int users) = s_readOnly[_registered];
                if (users > 1)
                {
                    s_readOnly[_registered] = (length, users - 1);
                }
                else
                {
                    s_readOnly.Remove(_registered);
                }
            }
        }

        if (_owned)
        {
            Free(*cells);
        }
        else
        {
            _pin.Dispose();
        }

        NativeMemory.Free(cells);
    }

    private void Reserve(nuint bytes)
    {
        void* grown = Grow(*BufferCell, bytes);
        if (grown is null)
        {
            throw new OutOfMemoryException($"Cannot allocate {bytes} bytes for a FITS file in memory.");
        }

        *BufferCell = grown;
    }

    private static nuint Capacity(void* block) => *(nuint*)((byte*)block - BlockHeader);

    // realloc semantics: a block of at least size bytes holding the old block's bytes, or null (the old block is kept).
    private static void* Grow(void* block, nuint size)
    {
        if (block is not null)
        {
            nuint capacity = Capacity(block);
            if (size <= capacity)
            {
                return block;
            }

            nuint wanted = Math.Max(size, capacity > nuint.MaxValue / 4 ? size : capacity * 2);
            byte* moved = (byte*)NativeMemory.Realloc((byte*)block - BlockHeader, wanted + BlockHeader);
            *(nuint*)moved = wanted;
            return moved + BlockHeader;
        }

        nuint first = Math.Max(size, FirstCapacity);
        byte* fresh = (byte*)NativeMemory.Alloc(first + BlockHeader);
        *(nuint*)fresh = first;
        return fresh + BlockHeader;
    }

    private static void Free(void* block)
    {
        if (block is not null)
        {
            NativeMemory.Free((byte*)block - BlockHeader);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* ReallocReadOnly(void* block, nuint size)
    {
        lock (s_readOnly)
        {
            return s_readOnly.TryGetValue((nint)block, out (long Length, int Users) entry) && size <= (nuint)entry.Length ? block : null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* Realloc(void* block, nuint size)
    {
        try
        {
            return Grow(block, size);
        }
        catch (OutOfMemoryException)
        {
            return null; // CFITSIO reports MEMORY_ALLOCATION (113)
        }
    }
}
