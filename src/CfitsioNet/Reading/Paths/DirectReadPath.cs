using CfitsioNet.Direct;

namespace CfitsioNet;

/// <summary>The direct path: any contiguous run of an uncompressed image stored as the pixels alone, read without CFITSIO (<see cref="DirectImageReader"/>).</summary>
internal sealed class DirectReadPath : IReadPath
{
    /// <summary>The one instance (the path keeps no state).</summary>
    internal static readonly DirectReadPath Instance = new();

    /// <inheritdoc/>
    public unsafe bool TryRead(ref ImageReader reader)
    {
        FitsFile file = reader.File;
        if (!reader.FastPathsApply || !file.DirectReadAllowed)
        {
            return false;
        }

        DirectImagePlan? plan;
        DirectFileSource? source = null;
        lock (file.Sync)
        {
            plan = reader.Hdu.Facts(reader.Info).Plan;
            if (plan is not null)
            {
                source = file.GetDirectSource();
            }
        }

        FitsOpenOptions options = file.Options;
        if (source is null || !DirectImageReader.TryRead(source, plan!, reader.Destination, reader.Request.FirstElement, reader.Request.Count, options.ParallelMinimumBytes, options.MappedParallelMinimumBytes, options.EffectiveParallelism, options.MapChoice))
        {
            return false;
        }

        file.CountDirectRead();
        return true;
    }
}
