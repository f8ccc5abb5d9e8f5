using Tomlyn.Model;
using Tomlyn.Serialization;

namespace HlScalper.Live.Config;

/// <summary>Tomlyn's source-generated reader of the untyped TOML model: no reflection, so the settings load in a trimmed or NativeAOT build.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
