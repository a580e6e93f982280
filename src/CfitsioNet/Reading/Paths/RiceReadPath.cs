using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// The managed Rice decoder (<see cref="RiceTileReader"/>): contiguous runs of a RICE_1 integer image it provably
/// reads as CFITSIO does (<see cref="RiceImagePlan"/>), in the natural type without a null value. Refuses, so that
/// CFITSIO reads, whenever any of that does not hold or a tile fails to decode.
/// </summary>
internal sealed class RiceReadPath : IReadPath
{
    /// <summary>The one instance (the path keeps no state; the plan is in <see cref="ImageHeaderFacts"/>).</summary>
    internal static readonly RiceReadPath Instance = new();

    /// <inheritdoc/>
    public unsafe bool TryRead(ref ImageReader reader)
    {
        FitsFile file = reader.File;
        ImageInfo info = reader.Info;
        long first = reader.Request.FirstElement, count = reader.Request.Count;
        if (!reader.FastPathsApply || !info.IsCompressed || !file.DirectReadAllowed || reader.NullValue is not null || first < 0 || count < 1 || count > info.ElementCount - first)
        {
            return false;
        }

        // The managed decoder takes the ranges CFITSIO reads as one box (1-D: any; 2-D: whole rows; 3-D: whole planes),
        // the ones the tests compare with CFITSIO's range reads. Other 3-D runs go to CFITSIO one plane at a time
        // (CfitsioReadPath: CFITSIO 4.2.0 misreads a run that crosses a plane boundary); CFITSIO refuses pixel reads
        // of images with more than 3 axes.
        long unit = info.Rank switch { 1 => 1, 2 => info.Shape[1], 3 => info.Shape[1] * info.Shape[2], _ => 0 };
        if (unit == 0 || first % unit != 0 || count % unit != 0)
        {
            return false;
        }

        RiceImagePlan? plan;
        DirectFileSource? source;
        lock (file.Sync)
        {
            source = file.GetDirectSource();
            if (source is null)
            {
                return false;
            }

            ImageHeaderFacts facts = reader.Hdu.Facts(info);
            if (!facts.RiceProbed)
            {
                facts.RicePlan = Probe(file.EnterHdu(reader.Index), info, source);
                facts.RiceProbed = true;
            }

            plan = facts.RicePlan;
        }

        if (plan is null || !RiceTileReader.TryRead(source.Handle, plan, reader.Destination, first, count, file.Options.EffectiveParallelism))
        {
            return false;
        }

        file.CountManagedRiceRead();
        return true;
    }

    // Call under the lock with the HDU current. Every CFITSIO call inside is a Try probe that leaves CFITSIO's message
    // stack as it found it; an I/O error reading the tile table means "CFITSIO decompresses".
    private static RiceImagePlan? Probe(FitsHandle handle, ImageInfo info, DirectFileSource source)
    {
        try
        {
            return RiceImagePlan.TryCreate(handle, info, source.Handle);
        }
        catch (System.IO.IOException)
        {
            return null;
        }
    }
}
