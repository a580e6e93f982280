using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace CfitsioNet;

/// <summary>Batches into pooled or caller-provided memory: streamed in order while the next files are read, or all at once.</summary>
public static partial class FitsBatch
{
    /// <summary>
    /// Reads one image from each file into buffers rented from <paramref name="pool"/> and yields them in the order of
    /// the paths as soon as each is ready, while the next files are being read: at most
    /// <see cref="FitsBatchOptions.MaxDegreeOfParallelism"/> files are read (or waiting to be consumed) at once, so
    /// memory stays bounded however long the batch. Dispose each item when done with it: its buffer goes back to the
    /// pool, and the next file of the same size lands in memory that is already faulted in.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ReadMany{T}"/>).</typeparam>
    /// <param name="paths">Plain file names (no extended syntax).</param>
    /// <param name="pool">Where the buffers come from; <see cref="NativeBufferPool.Shared"/> when null.</param>
    /// <param name="options">Which HDU, how many files at once, how each file is opened; null for the defaults.</param>
    /// <param name="cancellationToken">Stops starting new files; the items of files already started are still yielded, then the enumeration throws.</param>
    /// <returns>One item per path, in the order of <paramref name="paths"/>; a file that cannot be read gives a failed item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> or one of its elements is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before every file was started.</exception>
    /// <example>
    /// <code>
    /// using var pool = new NativeBufferPool();
    /// await foreach (FitsBatchItem&lt;float&gt; item in FitsBatch.ReadAsync&lt;float&gt;(files, pool))
    /// {
    ///     using (item) { if (item.Succeeded) Stack(item.Pixels.Span); }
    /// }
    /// </code>
    /// </example>
    public static async IAsyncEnumerable<FitsBatchItem<T>> ReadAsync<T>(IEnumerable<string> paths, NativeBufferPool? pool = null,
        FitsBatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        Window<T> window = Pooled<T>(paths, pool, options, cancellationToken);
        try
        {
            while (window.TryTake(out Task<FitsBatchItem<T>>? next))
            {
                yield return await next.ConfigureAwait(false);
            }
        }
        finally
        {
            await window.DrainAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads one image from each file into buffers rented from <paramref name="pool"/> and hands them to
    /// <paramref name="consume"/> on the calling thread, in the order of the paths, while the next files are being read
    /// (as <see cref="ReadAsync{T}"/> does). Each item is disposed, its buffer back in the pool, when
    /// <paramref name="consume"/> returns: copy what must outlive the call.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ReadMany{T}"/>).</typeparam>
    /// <param name="paths">Plain file names (no extended syntax).</param>
    /// <param name="consume">Called once per path, in order, failed files included (<see cref="FitsBatchFile.Succeeded"/>).</param>
    /// <param name="pool">Where the buffers come from; <see cref="NativeBufferPool.Shared"/> when null.</param>
    /// <param name="options">Which HDU, how many files at once, how each file is opened; null for the defaults.</param>
    /// <param name="cancellationToken">Stops starting new files; files already started are still consumed, then the call throws.</param>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/>, one of its elements, or <paramref name="consume"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before every file was started.</exception>
    /// <remarks>An exception thrown by <paramref name="consume"/> stops the batch (files in flight are finished and their buffers returned) and propagates.</remarks>
    public static void ForEach<T>(IEnumerable<string> paths, Action<FitsBatchItem<T>> consume, NativeBufferPool? pool = null,
        FitsBatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(consume);
        Window<T> window = Pooled<T>(paths, pool, options, cancellationToken);
        try
        {
            while (window.TryTake(out Task<FitsBatchItem<T>>? next))
            {
                using FitsBatchItem<T> item = next.GetAwaiter().GetResult();
                consume(item);
            }
        }
        finally
        {
            window.DrainAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Reads one image from each file into the caller's memory, several files at once: file <c>i</c> into
    /// <paramref name="destinations"/>[i], which must hold exactly its pixel count (else that file fails with an
    /// <see cref="ArgumentException"/>). Nothing is allocated for the pixels.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ReadMany{T}"/>).</typeparam>
    /// <param name="paths">Plain file names (no extended syntax).</param>
    /// <param name="destinations">One destination per path; distinct destinations (the files are read in parallel).</param>
    /// <param name="options">Which HDU, how many files at once, how each file is opened; null for the defaults.</param>
    /// <param name="cancellationToken">Stops starting new files; files already started finish.</param>
    /// <returns>One item per path, in order; <see cref="FitsBatchItem{T}.Pixels"/> is the destination.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/>, one of its elements or <paramref name="destinations"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destinations"/> does not have one element per path.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static FitsBatchItem<T>[] ReadInto<T>(IReadOnlyList<string> paths, IReadOnlyList<Memory<T>> destinations,
        FitsBatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        string[] list = ToPathList(paths);
        ArgumentNullException.ThrowIfNull(destinations);
        if (destinations.Count != list.Length)
        {
            throw new ArgumentException($"{destinations.Count} destinations for {list.Length} paths: give one per path.", nameof(destinations));
        }

        options ??= new FitsBatchOptions();
        var results = new FitsBatchItem<T>[list.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, list.Length, parallel, i => results[i] = ReadItem<T>(i, list[i], options, image =>
        {
            Memory<T> destination = destinations[i];
            image.Read<T>(destination.Span, options.ReadOptions);
            return ((NativeBuffer<T>?)null, destination);
        }));
        return results;
    }

    private static Window<T> Pooled<T>(IEnumerable<string> paths, NativeBufferPool? pool, FitsBatchOptions? options, CancellationToken cancellationToken)
        where T : unmanaged
    {
        string[] list = ToPathList(paths);
        FitsBatchOptions o = options ?? new FitsBatchOptions();
        NativeBufferPool p = pool ?? NativeBufferPool.Shared;
        int width = Parallelism.Effective(o.MaxDegreeOfParallelism);
        return new Window<T>(list.Length, width, i => ReadItem<T>(i, list[i], o, image =>
        {
            NativeBuffer<T> buffer = image.ReadNative<T>(p, o.ReadOptions);
            return (buffer, buffer.Memory);
        }), cancellationToken);
    }

    /// <summary>Opens one file, picks its image and reads it with <paramref name="read"/>; any failure but running out of memory becomes a failed item.</summary>
    private static FitsBatchItem<T> ReadItem<T>(int position, string path, FitsBatchOptions options,
        Func<ImageHdu, (NativeBuffer<T>? Buffer, Memory<T> Pixels)> read)
        where T : unmanaged
    {
        try
        {
            using FitsFile file = FitsFile.Open(path, options.OpenOptions);
            ImageHdu image = SelectImage(file, options.HduIndex);
            long[] shape = image.Info.GetShape();
            var (buffer, pixels) = read(image);
            return new FitsBatchItem<T>(position, path, image.Index, shape, buffer, pixels);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FitsBatchItem<T>(position, path, e);
        }
    }

    /// <summary>
    /// The files of a streamed batch in flight: reads are started in path order, at most <c>width</c> of them started
    /// and not yet taken by the consumer, and taken in path order.
    /// </summary>
    private sealed class Window<T>(int count, int width, Func<int, FitsBatchItem<T>> read, CancellationToken cancellationToken)
        where T : unmanaged
    {
        private readonly Queue<Task<FitsBatchItem<T>>> _inFlight = new();
        private int _next;

        /// <summary>The next file's read (started earlier), after starting more to keep the window full.</summary>
        /// <exception cref="OperationCanceledException">Cancelled, and every file started has been taken.</exception>
        internal bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Task<FitsBatchItem<T>>? next)
        {
            Fill();
            if (!_inFlight.TryDequeue(out next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }

            Fill();
            return true;
        }

        /// <summary>Waits for the reads still in flight (the consumer stopped early) and gives their buffers back.</summary>
        internal async Task DrainAsync()
        {
            while (_inFlight.TryDequeue(out Task<FitsBatchItem<T>>? task))
            {
                (await task.ConfigureAwait(false)).Dispose();
            }
        }

        private void Fill()
        {
            while (_next < count && _inFlight.Count < width && !cancellationToken.IsCancellationRequested)
            {
                int position = _next++;
                _inFlight.Enqueue(Task.Run(() => read(position), CancellationToken.None));
            }
        }
    }
}
