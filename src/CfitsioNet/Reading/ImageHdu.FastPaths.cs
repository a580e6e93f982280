namespace CfitsioNet;

/// <summary>The storage facts the fast read paths share (<see cref="ImageHeaderFacts"/>), probed once per HDU.</summary>
public sealed partial class ImageHdu
{
    private ImageHeaderFacts? _facts;

    /// <summary>The HDU's storage facts, asked of CFITSIO on first use (or taken from a deferred open). Call under the lock.</summary>
    internal ImageHeaderFacts Facts(ImageInfo info)
    {
        if (_facts is null)
        {
            Direct.DirectImagePlan? deferred = Index == 0 ? File.DeferredPrimaryPlan : null;
            _facts = deferred is not null ? new ImageHeaderFacts(deferred, 0) : ImageHeaderFacts.Probe(File.EnterHdu(Index), info);
        }

        return _facts;
    }
}
