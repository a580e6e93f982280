using System;
using System.IO;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Memory;

/// <summary>The pool hands back touched memory of the right size, and never more than it may keep.</summary>
public sealed unsafe class NativeBufferPoolTests
{
    [Test]
    public void A_returned_buffer_is_reused_for_the_same_byte_size_and_its_pages_are_already_touched()
    {
        using var pool = new NativeBufferPool();
        IntPtr first;
        using (NativeBuffer<short> buffer = pool.Rent<short>([1000, 1000]))
        {
            Assert.That(buffer.Length, Is.EqualTo(1_000_000));
            Assert.That(buffer.Shape, Is.EqualTo(new long[] { 1000, 1000 }));
            first = buffer.Block.Address;
            buffer.Span.Fill(7);
        }

        Assert.That(pool.RetainedBytes, Is.GreaterThanOrEqualTo(2_000_000));

        // Same byte size, another type and shape: same memory.
        using NativeBuffer<ushort> again = pool.Rent<ushort>([500, 2000]);
        Assert.That(again.Block.Address, Is.EqualTo(first));
        Assert.That(pool.RetainedBytes, Is.Zero);

        if (MinorFaults() is long before)
        {
            again.Span.Fill(1);
            long faults = MinorFaults()!.Value - before;
            Assert.That(faults, Is.LessThan(50), "writing 2 MB of pooled memory took page faults (488 would mean fresh pages)");
        }
    }

    [Test]
    public void New_pool_buffers_are_prefaulted()
    {
        using var pool = new NativeBufferPool();
        using NativeBuffer<float> buffer = pool.Rent<float>(3_000_000);  // 12 MB: a huge-page mapping on Linux
        Assert.That(buffer.Length, Is.EqualTo(3_000_000));
        if (MinorFaults() is long before)
        {
            buffer.Span.Fill(1f);
            Assert.That(MinorFaults()!.Value - before, Is.LessThan(50));
        }
    }

    [Test]
    public void Different_sizes_get_different_memory_and_the_retention_limit_holds()
    {
        using var pool = new NativeBufferPool(maxRetainedBytes: 100_000);
        NativeBuffer<byte> small = pool.Rent<byte>(40_000);
        NativeBuffer<byte> large = pool.Rent<byte>(200_000);
        IntPtr smallAddress = small.Block.Address;
        small.Dispose();
        large.Dispose();
        Assert.That(pool.RetainedBytes, Is.EqualTo(40_960), "the large block is over the limit and freed");

        using NativeBuffer<byte> other = pool.Rent<byte>(80_000);
        Assert.That(other.Block.Address, Is.Not.EqualTo(smallAddress));
        using NativeBuffer<byte> same = pool.Rent<byte>(40_001);
        Assert.That(same.Block.Address, Is.EqualTo(smallAddress), "sizes in the same 4 KiB class share memory");
        Assert.That(same.Length, Is.EqualTo(40_001));
    }

    [Test]
    public void Disposing_the_pool_frees_what_it_holds_and_later_returns()
    {
        var pool = new NativeBufferPool();
        NativeBuffer<int> rented = pool.Rent<int>(10_000);
        pool.Rent<int>(5_000).Dispose();
        Assert.That(pool.RetainedBytes, Is.GreaterThan(0));

        pool.Dispose();
        Assert.That(pool.RetainedBytes, Is.Zero);
        rented.Span.Fill(3);
        rented.Dispose();
        Assert.That(pool.RetainedBytes, Is.Zero, "a buffer disposed after its pool is freed");
        Assert.Throws<ObjectDisposedException>(() => pool.Rent<int>(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativeBufferPool(-1));
    }

    [Test]
    public void ReadNative_with_a_pool_reads_the_image_into_pooled_memory()
    {
        byte[] stored = DirectReadFiles.RandomStored(-32, 300 * 200, seed: 21);
        string path = DirectReadFiles.WritePrimary("pool-read.fits", -32, [300, 200], stored);
        using var pool = new NativeBufferPool();
        using FitsFile file = FitsFile.Open(path);
        float[] expected = file.Primary.Read<float>();

        IntPtr address;
        using (NativeBuffer<float> first = file.Primary.ReadNative<float>(pool))
        {
            Assert.That(first.Shape, Is.EqualTo(new long[] { 300, 200 }));
            Assert.That(DirectReadFiles.Bytes(first.Span.ToArray()), Is.EqualTo(DirectReadFiles.Bytes(expected)));
            address = first.Block.Address;
        }

        using NativeBuffer<float> second = file.Primary.ReadNative<float>(pool);
        Assert.That(second.Block.Address, Is.EqualTo(address));
        Assert.That(DirectReadFiles.Bytes(second.Span.ToArray()), Is.EqualTo(DirectReadFiles.Bytes(expected)));
        Assert.Throws<InvalidCastException>(() => file.Primary.ReadNative<short>(pool), "float pixels do not fit short");
    }

    // Minor page faults of this process so far (Linux), from /proc/self/stat field 10.
    private static long? MinorFaults()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
