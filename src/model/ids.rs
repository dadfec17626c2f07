//! Typed references between the parts of a [`Plan`](super::Plan). A task's
//! owner, a column's channel and a schedule item's campaign are positions in
//! the plan's lists; as bare `usize`s a channel's position could index the
//! people, and nothing would say so until a wrong name appeared in an
//! output. Each kind of reference has its own type here, and only that type
//! indexes its list (`plan.people[owner]`).

/// A position in one of the plan's lists.
pub trait Id: Copy + Ord {
    fn from_index(i: usize) -> Self;
    fn index(self) -> usize;
}

/// Plain positions, for lists whose references stay within one table (a
/// campaign's tasks, the review levels, KPIs).
impl Id for usize {
    fn from_index(i: usize) -> Self {
        i
    }
    fn index(self) -> usize {
        self
    }
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident indexes $item:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl Id for $name {
            fn from_index(i: usize) -> Self {
                $name(i)
            }
            fn index(self) -> usize {
                self.0
            }
        }

        impl std::ops::Index<$name> for [super::$item] {
            type Output = super::$item;
            fn index(&self, id: $name) -> &super::$item {
                &self[id.0]
            }
        }

        impl std::ops::Index<$name> for Vec<super::$item> {
            type Output = super::$item;
            fn index(&self, id: $name) -> &super::$item {
                &self[id.0]
            }
        }
    )*};
}

ids! {
    /// A person in `plan.people`.
    PersonId indexes Person;
    /// A channel in `plan.channels`.
    ChannelId indexes Channel;
    /// A campaign in `plan.campaigns`.
    CampaignId indexes Campaign;
}

/// The items of `list` with their ids.
pub fn with_ids<I: Id, T>(list: &[T]) -> impl DoubleEndedIterator<Item = (I, &T)> {
    list.iter().enumerate().map(|(i, t)| (I::from_index(i), t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn person(id: &str) -> Person {
        Person {
            id: crate::source::Ident {
                name: id.to_string(),
                span: crate::source::Span::default(),
            },
            name: id.to_string(),
            role: None,
            capacity: None,
        }
    }

    #[test]
    fn an_id_indexes_its_own_list_at_its_position() {
        let people = vec![person("lin"), person("wang")];
        let ids: Vec<(PersonId, &str)> = with_ids(&people)
            .map(|(i, p)| (i, p.id.name.as_str()))
            .collect();
        assert_eq!(ids, [(PersonId(0), "lin"), (PersonId(1), "wang")].to_vec());
        assert_eq!(people[PersonId::from_index(1)].name, "wang");
        assert_eq!(people.as_slice()[PersonId(0)].name, "lin");
    }
}
