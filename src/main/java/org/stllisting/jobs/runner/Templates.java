package org.stllisting.jobs.runner;

import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;

/** Finds a template by name (file stem or display name, any case). */
@FunctionalInterface
public interface Templates {
    Template find(String name) throws TemplateException;
}
