using System;
using System.Buffers;
using System.Numerics.Tensors;
using NUnit.Framework;

namespace CfitsioNet.Tests.Memory;

public sealed class NativeBufferTests
{
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(63)]
    [TestCase(1001 * 999)]
    public unsafe void Memory_is_64_byte_aligned(long length)
    {
        AssertAligned(new NativeBuffer<byte>(length));
        AssertAligned(new NativeBuffer<short>(length));
        AssertAligned(new NativeBuffer<float>(length));
        AssertAligned(new NativeBuffer<double>(length));

        static void AssertAligned<T>(NativeBuffer<T> buffer)
            where T : unmanaged
        {
            using (buffer)
            {
                using MemoryHandle handle = buffer.Memory.Pin();
                Assert.That((nuint)handle.Pointer % 64, Is.EqualTo((nuint)0), typeof(T).Name);
                Assert.That(NativeBuffer<T>.Alignment, Is.EqualTo(64));
            }
        }
    }

    [Test]
    public void Length_ByteLength_and_Shape_follow_the_constructor()
    {
        using var flat = new NativeBuffer<double>(13);
        Assert.That(flat.Length, Is.EqualTo(13));
        Assert.That(flat.ByteLength, Is.EqualTo(13 * sizeof(double)));
        Assert.That(flat.Shape, Is.EqualTo(new long[] { 13 }));
        Assert.That(flat.Span.Length, Is.EqualTo(13));

        using var cube = new NativeBuffer<short>([7, 5, 3]);
        Assert.That(cube.Length, Is.EqualTo(105));
        Assert.That(cube.ByteLength, Is.EqualTo(210));
        Assert.That(cube.Shape, Is.EqualTo(new long[] { 7, 5, 3 }));
        Assert.That(cube.Memory.Length, Is.EqualTo(105));
    }

    [Test]
    public void Shape_is_copied_from_the_callers_array()
    {
        long[] shape = [4, 6];
        using var buffer = new NativeBuffer<int>(shape);
        shape[0] = 100;

        Assert.That(buffer.Shape, Is.EqualTo(new long[] { 4, 6 }));
        Assert.That(buffer.Length, Is.EqualTo(24));
    }

    [Test]
    public void Empty_shapes_give_empty_buffers()
    {
        using var scalarShape = new NativeBuffer<int>(ReadOnlySpan<long>.Empty);
        Assert.That(scalarShape.Length, Is.Zero);
        Assert.That(scalarShape.Span.IsEmpty, Is.True);
        Assert.That((long)scalarShape.AsTensorSpan().FlattenedLength, Is.Zero);

        using var zeroAxis = new NativeBuffer<int>([3, 0, 4]);
        Assert.That(zeroAxis.Length, Is.Zero);
        Assert.That(zeroAxis.ByteLength, Is.Zero);
        Assert.That(zeroAxis.Span.IsEmpty, Is.True);
        Assert.That(zeroAxis.Memory.IsEmpty, Is.True);
        Assert.That(zeroAxis.AsTensorSpan().Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 0, 4 }));
    }

    [Test]
    public void Negative_axis_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((IDisposable)new NativeBuffer<int>([3, -1])).Dispose());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((IDisposable)new NativeBuffer<int>(-5)).Dispose());
    }

    [Test]
    public void TensorSpan_has_the_shape_and_indexes_the_same_memory_as_the_span()
    {
        using var buffer = new NativeBuffer<int>([3, 5, 7]);
        Span<int> span = buffer.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i * 31 - 500;
        }

        TensorSpan<int> tensor = buffer.AsTensorSpan();

        Assert.That(tensor.Rank, Is.EqualTo(3));
        Assert.That(tensor.Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 5, 7 }));
        Assert.That((long)tensor.FlattenedLength, Is.EqualTo(105));
        Assert.That(tensor.IsDense, Is.True);
        for (int z = 0; z < 3; z++)
        {
            for (int y = 0; y < 5; y++)
            {
                for (int x = 0; x < 7; x++)
                {
                    Assert.That(tensor[z, y, x], Is.EqualTo(span[(z * 5 + y) * 7 + x]), $"[{z}, {y}, {x}]");
                }
            }
        }

        // Writes through the tensor land in the buffer.
        tensor[2, 4, 6] = 123456;
        Assert.That(span[^1], Is.EqualTo(123456));
    }

    [Test]
    public void Memory_and_IMemoryOwner_see_the_same_elements()
    {
        using var buffer = new NativeBuffer<float>(10);
        buffer.Span.Fill(2.5f);
        IMemoryOwner<float> owner = buffer;

        Assert.That(owner.Memory.Length, Is.EqualTo(10));
        owner.Memory.Span[3] = -1f;
        Assert.That(buffer.Span[3], Is.EqualTo(-1f));
        Assert.That(buffer.Memory.Span.ToArray(), Is.EqualTo(buffer.Span.ToArray()));
    }

    [Test]
    public unsafe void Pin_points_at_the_requested_element()
    {
        using var buffer = new NativeBuffer<long>(8);
        for (int i = 0; i < 8; i++)
        {
            buffer.Span[i] = i * 10;
        }

        using MemoryHandle start = buffer.Pin();
        using MemoryHandle fifth = buffer.Pin(5);
        Assert.That(*(long*)fifth.Pointer, Is.EqualTo(50));
        Assert.That((long)((nint)fifth.Pointer - (nint)start.Pointer), Is.EqualTo(5L * sizeof(long)));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Pin(9).Dispose());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Pin(-1).Dispose());
    }

    [Test]
    public void Use_after_Dispose_throws_ObjectDisposedException()
    {
        var buffer = new NativeBuffer<short>([4, 4]);
        ((IDisposable)buffer).Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = buffer.Span);
        Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan());
        Assert.Throws<ObjectDisposedException>(() => _ = buffer.Memory);
        Assert.Throws<ObjectDisposedException>(() => buffer.AsTensorSpan());
        Assert.Throws<ObjectDisposedException>(() => buffer.Pin().Dispose());
        Assert.DoesNotThrow(() => ((IDisposable)buffer).Dispose(), "a second Dispose is harmless");
        Assert.That(buffer.Length, Is.EqualTo(16), "metadata stays readable");
        Assert.That(buffer.Shape, Is.EqualTo(new long[] { 4, 4 }));
    }

    [Test]
    public void Reading_into_a_disposed_buffer_throws_ObjectDisposedException()
    {
        string path = new Support.TestFitsWriter().Primary(16, [4, 4], new byte[32]).Write(TestRun.Files.File("into-disposed.fits"));
        using FitsFile fits = FitsFile.Open(path);
        var buffer = new NativeBuffer<short>(16);
        ((IDisposable)buffer).Dispose();

        Assert.Throws<ObjectDisposedException>(() => fits.Primary.Read(buffer));
    }
}
