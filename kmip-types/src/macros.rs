//! The table macros: each KMIP table (tags, one enumeration, one bit mask, one structure) is
//! written once, as one macro call with one line per entry, and the macro derives everything
//! else from it (constants, names, `Debug`, the TTLV codec). There is no second source of truth.

/// The tag table: one line per tag, `NAME = 0x42XXXX, "Spec Name", V1_x;`. Generates the
/// constants, `name()`, `since()` and `ALL`.
macro_rules! tags {
    ($( $(#[$meta:meta])* $name:ident = $value:literal, $text:literal, $since:ident; )*) => {
        $( $(#[$meta])* pub const $name: Tag = Tag::new($value); )*

        /// Every tag of the table, in numeric order.
        pub const ALL: &[Tag] = &[$($name),*];

        /// The specification's name of a tag defined in this table ("Request Message").
        pub fn name(tag: Tag) -> Option<&'static str> {
            match tag.value() {
                $( $value => Some($text), )*
                _ => None,
            }
        }

        /// The first protocol version that defines this tag, for tags of this table.
        pub const fn since(tag: Tag) -> Option<ProtocolVersion> {
            match tag.value() {
                $( $value => Some(ProtocolVersion::$since), )*
                _ => None,
            }
        }

        /// The tag with this specification name, if the table has it.
        pub fn from_name(name: &str) -> Option<Tag> {
            match name {
                $( $text => Some($name), )*
                _ => None,
            }
        }
    };
}

/// One enumeration table: an open newtype over `u32` with a named constant per entry.
///
/// Encoding leaves out a value of a later version than the encoder's (see `ToTtlv` below);
/// a table that starts with `unfiltered;` writes every value whatever the version.
///
/// ```text
/// enumeration! {
///     /// Operation (§9.1.3.2.27).
///     pub struct Operation: tag::OPERATION {
///         /// §4.1 Create.
///         CREATE = 0x01, "Create", V1_0;
///     }
/// }
/// ```
macro_rules! enumeration {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident : $tag:path {
            $( $(#[$emeta:meta])* $name:ident = $value:literal, $text:literal, $since:ident; )*
        }
    ) => {
        enumeration! {
            @table filtered;
            $(#[$meta])*
            pub struct $ty : $tag {
                $( $(#[$emeta])* $name = $value, $text, $since; )*
            }
        }
    };

    // A table whose values are written whatever the encoder's version (see `Operation`).
    (
        unfiltered;
        $(#[$meta:meta])*
        pub struct $ty:ident : $tag:path {
            $( $(#[$emeta:meta])* $name:ident = $value:literal, $text:literal, $since:ident; )*
        }
    ) => {
        enumeration! {
            @table unfiltered;
            $(#[$meta])*
            pub struct $ty : $tag {
                $( $(#[$emeta])* $name = $value, $text, $since; )*
            }
        }
    };

    (@filter filtered) => { true };
    (@filter unfiltered) => { false };

    (
        @table $filter:ident;
        $(#[$meta:meta])*
        pub struct $ty:ident : $tag:path {
            $( $(#[$emeta:meta])* $name:ident = $value:literal, $text:literal, $since:ident; )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// An open enumeration: any `u32` is representable, so values from later versions or
        /// vendor extensions (`0x8XXXXXXX`) survive decoding and re-encoding untouched, and print
        /// as hex. `Default` is the raw value 0.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $ty(pub u32);

        #[allow(missing_docs, reason = "each constant's doc is its table line")]
        impl $ty {
            $( $(#[$emeta])* pub const $name: Self = Self($value); )*
        }

        impl $ty {
            /// The tag this enumeration is carried under.
            pub const TAG: kmip_ttlv::Tag = $tag;

            /// Every value the table defines, in table order.
            pub const ALL: &'static [Self] = &[$(Self::$name),*];

            /// Every `(value, specification name)` pair of the table, in table order.
            pub const ENTRIES: &'static [(u32, &'static str)] = &[$(($value, $text)),*];

            /// The specification's name of this value, if the table defines it.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some($text), )*
                    _ => None,
                }
            }

            /// The value with this specification name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some(Self::$name), )*
                    _ => None,
                }
            }

            /// The first protocol version that defines this value, if the table does.
            pub const fn since(self) -> Option<$crate::ProtocolVersion> {
                match self.0 {
                    $( $value => Some($crate::ProtocolVersion::$since), )*
                    _ => None,
                }
            }

            /// Whether encoding leaves out values of a later version than the encoder's.
            pub(crate) const VERSION_FILTERED: bool = enumeration!(@filter $filter);

            /// Whether a message of `version` may carry this value: the table's values from
            /// the version that introduced them on, and every value the table does not know
            /// (a vendor's, or a later version's this crate has no table for).
            #[inline]
            pub fn is_defined_in(self, version: $crate::ProtocolVersion) -> bool {
                match self.since() {
                    Some(since) => since <= version,
                    None => true,
                }
            }

            /// Whether the value is in the extension range (`0x8XXXXXXX`, KMIP 1.1 §9.1.3.1).
            pub const fn is_extension(self) -> bool {
                self.0 & 0x8000_0000 != 0
            }
        }

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => write!(f, "{}({:#010X})", stringify!($ty), self.0),
                }
            }
        }

        /// The specification name, or the value in hex.
        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => write!(f, "{:#010X}", self.0),
                }
            }
        }

        impl From<u32> for $ty {
            fn from(value: u32) -> Self {
                Self(value)
            }
        }

        impl From<$ty> for u32 {
            fn from(value: $ty) -> u32 {
                value.0
            }
        }

        impl $crate::codec::FromTtlv for $ty {
            #[inline]
            fn from_ttlv(
                item: &kmip_ttlv::Item<'_>,
                _cx: &$crate::codec::Context,
            ) -> Result<Self, $crate::Error> {
                $crate::codec::expect_type(item, kmip_ttlv::ItemType::Enumeration)?;
                Ok(Self(item.as_enumeration().unwrap_or_default()))
            }
        }

        impl $crate::codec::ReadCommon for $ty {
            #[inline(always)]
            fn read_common(
                c: &mut kmip_ttlv::Cursor<'_>,
                tag: kmip_ttlv::Tag,
                cx: &$crate::codec::Context,
            ) -> Option<Self> {
                c.enumeration(tag)
                    .filter(|&value| cx.reads_enumeration(tag, value))
                    .map(Self)
            }
        }

        /// A value of a later version than the encoder's ([`since`](Self::since)) is left
        /// out, as a typed field of a later version's tag is: a KMIP 1.1 peer never receives
        /// a KMIP 1.2 value. Values the table does not know are written as they are.
        impl $crate::codec::ToTtlv for $ty {
            #[inline]
            fn to_ttlv(&self, tag: kmip_ttlv::Tag, e: &mut $crate::codec::Encoder<'_>) {
                if Self::VERSION_FILTERED && !self.is_defined_in(e.version()) {
                    return;
                }
                e.enumeration(tag, self.0);
            }
        }
    };
}

/// One bit-mask table: an open newtype over `u32` (encoded as an Integer), a constant per bit,
/// set operations, and a `Debug` that lists the names (`Encrypt | Decrypt`).
macro_rules! bit_mask {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident : $tag:path {
            $( $(#[$emeta:meta])* $name:ident = $value:literal, $text:literal, $since:ident; )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Open: bits no table defines survive decoding and re-encoding and print as hex.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $ty(pub u32);

        #[allow(missing_docs, reason = "each constant's doc is its table line")]
        impl $ty {
            $( $(#[$emeta])* pub const $name: Self = Self($value); )*
        }

        impl $ty {
            /// The tag this mask is carried under.
            pub const TAG: kmip_ttlv::Tag = $tag;

            /// Every bit the table defines, in table order.
            pub const ALL: &'static [Self] = &[$(Self::$name),*];

            /// Every `(bit, specification name)` pair of the table, in table order.
            pub const ENTRIES: &'static [(u32, &'static str)] = &[$(($value, $text)),*];

            /// No bit set.
            pub const EMPTY: Self = Self(0);

            /// The specification's name of a single bit, if the table defines it.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some($text), )*
                    _ => None,
                }
            }

            /// The bit with this specification name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( $text => Some(Self::$name), )*
                    _ => None,
                }
            }

            /// The first protocol version that defines this bit, if the table does.
            pub const fn since(self) -> Option<$crate::ProtocolVersion> {
                match self.0 {
                    $( $value => Some($crate::ProtocolVersion::$since), )*
                    _ => None,
                }
            }

            /// Whether every bit of `other` is set in `self`.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// The union of two masks.
            #[must_use]
            pub const fn union(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }

            /// The bits the table does not define.
            pub const fn unknown_bits(self) -> u32 {
                let mut known = 0u32;
                $( known |= $value; )*
                self.0 & !known
            }
        }

        impl core::ops::BitOr for $ty {
            type Output = Self;
            fn bitor(self, rhs: Self) -> Self {
                Self(self.0 | rhs.0)
            }
        }

        impl core::ops::BitOrAssign for $ty {
            fn bitor_assign(&mut self, rhs: Self) {
                self.0 |= rhs.0;
            }
        }

        impl core::ops::BitAnd for $ty {
            type Output = Self;
            fn bitand(self, rhs: Self) -> Self {
                Self(self.0 & rhs.0)
            }
        }

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                if self.0 == 0 {
                    return write!(f, "{}(0)", stringify!($ty));
                }
                let mut first = true;
                for bit in Self::ALL {
                    if self.contains(*bit) {
                        if !first {
                            f.write_str(" | ")?;
                        }
                        f.write_str(bit.name().unwrap_or_default())?;
                        first = false;
                    }
                }
                let rest = self.unknown_bits();
                if rest != 0 {
                    if !first {
                        f.write_str(" | ")?;
                    }
                    write!(f, "{rest:#010X}")?;
                }
                Ok(())
            }
        }

        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(self, f)
            }
        }

        impl From<u32> for $ty {
            fn from(value: u32) -> Self {
                Self(value)
            }
        }

        impl From<$ty> for u32 {
            fn from(value: $ty) -> u32 {
                value.0
            }
        }

        impl $crate::codec::FromTtlv for $ty {
            #[inline]
            fn from_ttlv(
                item: &kmip_ttlv::Item<'_>,
                _cx: &$crate::codec::Context,
            ) -> Result<Self, $crate::Error> {
                $crate::codec::expect_type(item, kmip_ttlv::ItemType::Integer)?;
                Ok(Self(item.as_integer().unwrap_or_default() as u32))
            }
        }

        impl $crate::codec::ReadCommon for $ty {
            #[inline(always)]
            fn read_common(
                c: &mut kmip_ttlv::Cursor<'_>,
                tag: kmip_ttlv::Tag,
                _cx: &$crate::codec::Context,
            ) -> Option<Self> {
                c.integer(tag).map(|v| Self(v as u32))
            }
        }

        impl $crate::codec::ToTtlv for $ty {
            fn to_ttlv(&self, tag: kmip_ttlv::Tag, e: &mut $crate::codec::Encoder<'_>) {
                e.integer(tag, self.0 as i32);
            }
        }
    };
}

/// One structure table: the fields in wire order, each `pub name: Type = kind(tag)` with kind
/// `req` (exactly one), `opt` (zero or one), `rep` (zero or more), `rep1` (one or more) or
/// `req_in` (exactly one, a large value decoded in place when the structure is).
///
/// The macro adds a `pub unknown: Vec<UnknownItem>` field holding, in place, every child item
/// the table does not list; derives `Clone` (add more derives on the struct); and implements
/// `FromTtlv` (one pass over the children: order, duplicates, missing fields and types
/// checked), `ToTtlv` (unknown items re-emitted where they were) and a `Debug` that leaves out
/// absent optional fields. Starting the body with `in_place;` also implements
/// `codec::DecodeInPlace`.
macro_rules! structure {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $fty:ty = $kind:ident ( $tag:path ), )*
        }
    ) => {
        structure! {
            @types
            $(#[$meta])*
            pub struct $ty {
                $( $(#[$fmeta])* pub $field : $fty = $kind ( $tag ), )*
            }
        }

        impl $crate::codec::FromTtlv for $ty {
            #[allow(unused_mut, unused_variables, reason = "structures without fields")]
            fn from_ttlv(
                item: &kmip_ttlv::Item<'_>,
                cx: &$crate::codec::Context,
            ) -> Result<Self, $crate::Error> {
                // The fields' indices in the table, as the discriminants of an enum.
                #[allow(non_camel_case_types, dead_code, reason = "named after the fields")]
                enum Field { $($field),* }
                const REPEATABLE: u64 = 0 $( | structure!(@repeatable $kind, Field::$field as usize) )*;
                let mut r = $crate::codec::StructReader::new(item, REPEATABLE, cx)?;
                $( let mut $field = structure!(@init $kind); )*
                while let Some(child) = r.next() {
                    match child.tag() {
                        $(
                            $tag => {
                                r.known(Field::$field as usize, &child)?;
                                structure!(@put $kind, $field, r.decode(&child)?);
                            }
                        )*
                        _ => r.unknown(&child),
                    }
                }
                $( let $field = structure!(@take $kind, r, $field, $tag); )*
                Ok(Self { $($field,)* unknown: r.finish() })
            }
        }
    };

    // The type, its encoder and its `Debug`.
    (
        @types
        $(#[$meta:meta])*
        pub struct $ty:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $fty:ty = $kind:ident ( $tag:path ), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $ty {
            $( $(#[$fmeta])* pub $field: $fty, )*
            /// Child items this model does not know (later versions, vendor extensions), kept
            /// verbatim with their position so that re-encoding reproduces the input.
            pub unknown: Vec<$crate::UnknownItem>,
        }

        impl $crate::codec::ToTtlv for $ty {
            #[allow(unused_mut, unused_variables, reason = "structures without fields")]
            fn to_ttlv(&self, tag: kmip_ttlv::Tag, e: &mut $crate::codec::Encoder<'_>) {
                e.structure(tag, |e| {
                    let mut u = $crate::codec::Interleave::new(&self.unknown);
                    $( structure!(@enc $kind, e, u, $tag, self.$field); )*
                    u.rest(e);
                });
            }
        }

        /// The one-pass reading of the general decoder's table: the fields in its order,
        /// nothing else (see [`ReadCommon`](crate::codec::ReadCommon)).
        impl $crate::codec::ReadCommon for $ty {
            #[allow(unused_variables, reason = "structures without fields")]
            fn read_common(
                c: &mut kmip_ttlv::Cursor<'_>,
                tag: kmip_ttlv::Tag,
                cx: &$crate::codec::Context,
            ) -> Option<Self> {
                c.structure(tag, |c| {
                    $( let $field: $fty = structure!(@read $kind, c, $tag, cx); )*
                    Some(Self { $($field,)* unknown: Vec::new() })
                })
            }
        }

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let mut s = f.debug_struct(stringify!($ty));
                $( structure!(@dbg $kind, s, $field, self.$field); )*
                if !self.unknown.is_empty() {
                    s.field("unknown", &self.unknown);
                }
                s.finish()
            }
        }
    };

    // A structure that is also decoded in place (see `codec::DecodeInPlace`): its `req_in`
    // fields (large values) are decoded in place too, the others by value.
    (
        in_place;
        $(#[$meta:meta])*
        pub struct $ty:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $fty:ty = $kind:ident ( $tag:path ), )*
        }
    ) => {
        structure! {
            @types
            $(#[$meta])*
            pub struct $ty {
                $( $(#[$fmeta])* pub $field : $fty = $kind ( $tag ), )*
            }
        }

        impl $crate::codec::FromTtlv for $ty {
            #[inline]
            fn from_ttlv(
                item: &kmip_ttlv::Item<'_>,
                cx: &$crate::codec::Context,
            ) -> Result<Self, $crate::Error> {
                <Self as $crate::codec::DecodeInPlace>::decode_by_value(item, cx)
            }
        }

        impl $crate::codec::DecodeInPlace for $ty {
            #[inline]
            fn placeholder() -> Self {
                Self {
                    $( $field: structure!(@placeholder $kind, $fty), )*
                    unknown: Vec::new(),
                }
            }

            #[allow(unused_mut, unused_variables, reason = "structures without fields")]
            fn decode_in_place(
                &mut self,
                item: &kmip_ttlv::Item<'_>,
                cx: &$crate::codec::Context,
            ) -> Result<(), $crate::Error> {
                #[allow(non_camel_case_types, dead_code, reason = "named after the fields")]
                enum Field { $($field),* }
                const REPEATABLE: u64 = 0 $( | structure!(@repeatable $kind, Field::$field as usize) )*;
                let mut r = $crate::codec::StructReader::new(item, REPEATABLE, cx)?;
                $( let mut $field = structure!(@init_in $kind); )*
                while let Some(child) = r.next() {
                    match child.tag() {
                        $(
                            $tag => {
                                r.known(Field::$field as usize, &child)?;
                                structure!(@put_in $kind, $field, self.$field, r, child);
                            }
                        )*
                        _ => r.unknown(&child),
                    }
                }
                $( structure!(@take_in $kind, r, $field, self.$field, $tag); )*
                self.unknown = r.finish();
                Ok(())
            }
        }
    };

    // One-pass reading of a field (see `ReadCommon`): a required one must come next, an
    // optional one may, a repeated one as many times as it comes. A tag the context's version
    // does not define is set aside by the general reader: here it declines.
    (@read req, $c:ident, $tag:path, $cx:ident) => {{
        if !$crate::codec::reads_field($cx, $tag) {
            return None;
        }
        $crate::codec::ReadCommon::read_common($c, $tag, $cx)?
    }};
    (@read req_in, $c:ident, $tag:path, $cx:ident) => { structure!(@read req, $c, $tag, $cx) };
    (@read opt, $c:ident, $tag:path, $cx:ident) => {
        if $c.peek_tag() == Some($tag) {
            Some(structure!(@read req, $c, $tag, $cx))
        } else {
            None
        }
    };
    (@read rep, $c:ident, $tag:path, $cx:ident) => {{
        let mut values = Vec::new();
        while $c.peek_tag() == Some($tag) {
            values.push(structure!(@read req, $c, $tag, $cx));
        }
        values
    }};
    (@read rep1, $c:ident, $tag:path, $cx:ident) => {{
        let values = structure!(@read rep, $c, $tag, $cx);
        if values.is_empty() {
            return None;
        }
        values
    }};

    (@placeholder req_in, $fty:ty) => { <$fty as $crate::codec::DecodeInPlace>::placeholder() };
    (@placeholder $kind:ident, $fty:ty) => { Default::default() };

    (@repeatable rep, $i:expr) => { $crate::codec::bit($i) };
    (@repeatable rep1, $i:expr) => { $crate::codec::bit($i) };
    (@repeatable $kind:ident, $i:expr) => { 0 };

    (@init rep) => { Vec::new() };
    (@init rep1) => { Vec::new() };
    (@init $kind:ident) => { None };

    (@put rep, $v:ident, $x:expr) => { $v.push($x) };
    (@put rep1, $v:ident, $x:expr) => { $v.push($x) };
    (@put $kind:ident, $v:ident, $x:expr) => { $v = Some($x) };

    (@take req, $r:ident, $v:ident, $tag:path) => { $crate::codec::required($v, &$r, $tag)? };
    (@take req_in, $r:ident, $v:ident, $tag:path) => { $crate::codec::required($v, &$r, $tag)? };
    (@take opt, $r:ident, $v:ident, $tag:path) => { $v };
    (@take rep, $r:ident, $v:ident, $tag:path) => { $v };
    (@take rep1, $r:ident, $v:ident, $tag:path) => {
        if $v.is_empty() {
            return Err($r.missing($tag));
        } else {
            $v
        }
    };

    // In place: a `req_in` field is decoded into its slot and only its presence is tracked.
    (@init_in req_in) => { false };
    (@init_in $kind:ident) => { structure!(@init $kind) };
    (@put_in req_in, $v:ident, $slot:expr, $r:ident, $child:ident) => {{
        $r.decode_in_place(&$child, &mut $slot)?;
        $v = true;
    }};
    (@put_in $kind:ident, $v:ident, $slot:expr, $r:ident, $child:ident) => {
        structure!(@put $kind, $v, $r.decode(&$child)?)
    };
    (@take_in req_in, $r:ident, $v:ident, $slot:expr, $tag:path) => {
        if !$v {
            return Err($r.missing($tag));
        }
    };
    (@take_in $kind:ident, $r:ident, $v:ident, $slot:expr, $tag:path) => {
        $slot = structure!(@take $kind, $r, $v, $tag)
    };

    (@enc req, $e:ident, $u:ident, $tag:path, $v:expr) => {{
        $u.known($e);
        $e.field($tag, &$v);
    }};
    (@enc opt, $e:ident, $u:ident, $tag:path, $v:expr) => {
        if let Some(v) = &$v {
            $u.known($e);
            $e.field($tag, v);
        }
    };
    (@enc rep, $e:ident, $u:ident, $tag:path, $v:expr) => {
        for v in &$v {
            $u.known($e);
            $e.field($tag, v);
        }
    };
    (@enc rep1, $e:ident, $u:ident, $tag:path, $v:expr) => {
        structure!(@enc rep, $e, $u, $tag, $v)
    };
    (@enc req_in, $e:ident, $u:ident, $tag:path, $v:expr) => {
        structure!(@enc req, $e, $u, $tag, $v)
    };

    (@dbg req, $s:ident, $field:ident, $v:expr) => {
        $s.field(stringify!($field), &$v);
    };
    (@dbg opt, $s:ident, $field:ident, $v:expr) => {
        if let Some(v) = &$v {
            $s.field(stringify!($field), v);
        }
    };
    (@dbg rep, $s:ident, $field:ident, $v:expr) => {
        if !$v.is_empty() {
            $s.field(stringify!($field), &$v);
        }
    };
    (@dbg rep1, $s:ident, $field:ident, $v:expr) => {
        $s.field(stringify!($field), &$v);
    };
    (@dbg req_in, $s:ident, $field:ident, $v:expr) => {
        $s.field(stringify!($field), &$v);
    };
}

/// `Tagged` impls: `Type => tag::X,` per line.
macro_rules! tagged {
    ($($ty:ty => $tag:path,)*) => {
        $( impl $crate::codec::Tagged for $ty { const TAG: kmip_ttlv::Tag = $tag; } )*
    };
}
