namespace CfitsioNet;

/// <summary>Keeps <see cref="Info"/> in step with header changes.</summary>
public sealed partial class ImageHdu
{
    /// <inheritdoc/>
    private protected override void OnHeaderChanged() => _info = null;
}
