using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CfitsioNet;

/// <summary>
/// Reads the images of many files with bounded parallelism. Results come back in the order of the paths, and a file
/// that cannot be read (missing, corrupt, pixels the element type cannot hold) gives a failed result instead of stopping the batch.
/// </summary>
/// <example>
/// <code>
/// FitsBatchResult&lt;float&gt;[] results = FitsBatch.ReadMany&lt;float&gt;(Directory.GetFiles("night", "*.fits"));
/// foreach (var result in results)
/// {
///     if (result.Succeeded) Stack(result.Pixels!); else Console.WriteLine(result);
/// }
/// </code>
/// </example>
public static partial class FitsBatch
{
    /// <summary>Reads one image from each file, several files at once.</summary>
    /// <typeparam name="T">
    /// The element type: the images' natural type, or one that holds all their values; a file whose pixels
    /// <typeparamref name="T"/> cannot hold gives a failed result (<see cref="InvalidCastException"/>) unless
    /// <see cref="FitsBatchOptions.ReadOptions"/> allows lossy conversion.
    /// </typeparam>
    /// <param name="paths">Plain file names (no extended syntax).</param>
    /// <param name="options">Which HDU, how many files at once, how each file is opened; null for the defaults.</param>
    /// <param name="cancellationToken">Stops starting new files; files already started finish.</param>
    /// <returns>One result per path, in the order of <paramref name="paths"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> or one of its elements is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static FitsBatchResult<T>[] ReadMany<T>(IEnumerable<string> paths, FitsBatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        string[] list = ToPathList(paths);
        options ??= new FitsBatchOptions();
        var results = new FitsBatchResult<T>[list.Length];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, list.Length, parallel, i => results[i] = ReadOne<T>(i, list[i], options));
        return results;
    }

    private static FitsBatchResult<T> ReadOne<T>(int position, string path, FitsBatchOptions options)
        where T : unmanaged
    {
        try
        {
            using FitsFile file = FitsFile.Open(path, options.OpenOptions);
            ImageHdu image = SelectImage(file, options.HduIndex);
            T[] pixels = image.Read<T>(options.ReadOptions);
            return new FitsBatchResult<T>(position, path, image.Index, pixels, image.Info.GetShape());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FitsBatchResult<T>(position, path, e);
        }
    }

    private static string[] ToPathList(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string[] list = paths.ToArray();
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(paths), $"Path {i} of the batch is null.");
            }
        }

        return list;
    }

    private static ImageHdu SelectImage(FitsFile file, int? hduIndex)
    {
        if (hduIndex is int index)
        {
            return file[index].AsImage();
        }

        ImageHdu primary = file.Primary;
        if (primary.Info.ElementCount > 0)
        {
            return primary;
        }

        for (int i = 1; i < file.HduCount; i++)
        {
            if (file[i] is ImageHdu image && image.Info.ElementCount > 0)
            {
                return image;
            }
        }

        throw new FitsException("The file has no image with pixels.", file.FileName, "select image", null);
    }
}
